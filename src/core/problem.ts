/** What is wrong with an input — a configuration, a record — in the words its author reads. */

/** One problem: `path` says where (`purposes[2].benefit`; empty for the whole input), `message` what. */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

/** `purposes[2].benefit is missing`: the form a site owner reads in the console. */
export function describeProblem(problem: Problem): string {
  return problem.path ? `${problem.path} ${problem.message}` : problem.message;
}
