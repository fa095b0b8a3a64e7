/** The open connections of this gateway, indexed by login so a revocation can close them. */
export class Connections<C> {
  private readonly byLogin = new Map<string, Set<C>>();
  private count = 0;

  add(loginId: string, conn: C): void {
    let set = this.byLogin.get(loginId);
    if (!set) this.byLogin.set(loginId, (set = new Set()));
    set.add(conn);
    this.count += 1;
  }

  remove(loginId: string, conn: C): void {
    const set = this.byLogin.get(loginId);
    if (!set?.delete(conn)) return;
    this.count -= 1;
    if (set.size === 0) this.byLogin.delete(loginId);
  }

  /** Moves a connection to another login, when its token is replaced. */
  move(from: string, to: string, conn: C): void {
    this.remove(from, conn);
    this.add(to, conn);
  }

  ofLogin(loginId: string): C[] {
    return [...(this.byLogin.get(loginId) ?? [])];
  }

  all(): C[] {
    return [...this.byLogin.values()].flatMap((set) => [...set]);
  }

  get size(): number {
    return this.count;
  }
}
