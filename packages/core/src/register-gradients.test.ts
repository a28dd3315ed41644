import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import './index.js';
import { registerSecondOrderGradients, SECOND_ORDER_GRADIENTS } from './second-order-gradients.js';

describe('registerSecondOrderGradients', () => {
  afterEach(() => {
    tf.env().set('DEBUG', false);
    vi.restoreAllMocks();
  });

  it('replaces tfjs’s gradients quietly (even in DEBUG mode) and is idempotent', () => {
    tf.env().set('DEBUG', true);
    const warn = vi.spyOn(console, 'warn');
    registerSecondOrderGradients();
    registerSecondOrderGradients();
    expect(warn).not.toHaveBeenCalled();
    for (const config of SECOND_ORDER_GRADIENTS) expect(tf.getGradient(config.kernelName)).toBe(config);
  });

  it('saves every input, so a recorded backward pass can recompute outputs from them', () => {
    for (const config of SECOND_ORDER_GRADIENTS) expect(config.inputsToSave?.length, config.kernelName).toBeGreaterThan(0);
  });
});
