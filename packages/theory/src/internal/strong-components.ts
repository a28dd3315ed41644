/**
 * Strongly connected components of a directed graph on nodes 0..count−1 (Tarjan, 1972).
 * Returns each node's component id.
 */
export function strongComponents(count: number, edges: readonly (readonly [number, number])[]): number[] {
  const out = Array.from({ length: count }, () => [] as number[]);
  for (const [from, to] of edges) (out[from] as number[]).push(to);
  const index = new Array<number>(count).fill(-1);
  const low = new Array<number>(count).fill(0);
  const onStack = new Array<boolean>(count).fill(false);
  const component = new Array<number>(count).fill(-1);
  const stack: number[] = [];
  let counter = 0;
  let components = 0;
  const visit = (v: number): void => {
    index[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = true;
    for (const w of out[v] as number[]) {
      if (index[w] === -1) {
        visit(w);
        low[v] = Math.min(low[v] as number, low[w] as number);
      } else if (onStack[w]) {
        low[v] = Math.min(low[v] as number, index[w] as number);
      }
    }
    if (low[v] === index[v]) {
      let w: number;
      do {
        w = stack.pop() as number;
        onStack[w] = false;
        component[w] = components;
      } while (w !== v);
      components++;
    }
  };
  for (let v = 0; v < count; v++) if (index[v] === -1) visit(v);
  return component;
}
