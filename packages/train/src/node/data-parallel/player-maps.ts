import { PLAYERS, type Player } from '@saddle/core';

/**
 * Both players' named entries mapped by `f`: `{ generator: { name: f(...) }, discriminator: {...} }`;
 * players not in `only` get `{}` (as a gradient request for one player returns).
 */
export function mapPlayers<A, B>(
  tree: Readonly<Record<Player, Readonly<Record<string, A>>>>,
  f: (value: A, name: string, player: Player) => B,
  only: readonly Player[] = PLAYERS,
): Record<Player, Record<string, B>> {
  const one = (player: Player): Record<string, B> =>
    only.includes(player) ? Object.fromEntries(Object.entries(tree[player]).map(([name, value]) => [name, f(value, name, player)])) : {};
  return { generator: one('generator'), discriminator: one('discriminator') };
}
