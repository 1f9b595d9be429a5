/**
 * The time one engine-config run may really take: `timeout -k GRACE N` sends SIGTERM after N s and SIGKILL GRACE s
 * later (a JVM stuck in its shutdown hooks ignores the first). The config rules keep N + GRACE inside
 * ssh.execTimeout (the manager's whole probe runs in one exec), and checks/lib/engine-config.ts builds the command
 * from the same numbers. Pure; checks may import it.
 */
export const ENGINE_CONFIG_KILL_GRACE = 5;
