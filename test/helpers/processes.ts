/**
 * Env for processes a test spawns with tsx (the server, the seed script): no coverage of their
 * own. tsx minifies what it compiles, so their coverage maps onto a few lines per file and,
 * merged with the test processes' coverage, spoils the report of src/; precise coverage also
 * slows the child enough to trip its event-loop pressure check on a busy machine.
 */
export const withoutCoverage = { _TAPJS_PROCESSINFO_COVERAGE_: '0' } as const;
