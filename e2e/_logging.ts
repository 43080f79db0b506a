/**
 * Fixtures that log their id to `ran.log` and pass or fail by a file's
 * content (`state/<id>`, `/` written as `_`), so that a test sees exactly
 * what ran and can turn a fixture red or green between runs.
 */
import { join } from "node:path";
import { type TempProject, tempProject } from "./_project.ts";

/** The state file of a fixture id. */
const stateFile = (id: string) => `state/${id.replaceAll("/", "_")}`;

/**
 * A command fixture's manifest that logs its id, then fails when its state file says `fail`.
 *
 * @param id The fixture id.
 * @param extra More manifest keys.
 * @returns The manifest's text.
 */
export const logging = (id: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    command: [
      "sh",
      "-c",
      `echo "$SMOKE_FIXTURE_ID" >> ran.log; [ "$(cat ${stateFile(id)} 2>/dev/null)" != fail ]`,
    ],
    ...extra,
  });

/**
 * A project of logging fixtures.
 *
 * @param ids The fixture ids.
 * @param failing The ids that fail at first.
 * @returns The project.
 */
export async function suite(ids: string[], failing: string[]): Promise<TempProject> {
  const files: Record<string, string> = {};
  for (const id of ids) {
    files[`fixtures/${id}.smoke.jsonc`] = logging(id);
    files[stateFile(id)] = failing.includes(id) ? "fail" : "pass";
  }
  return await tempProject(files);
}

/**
 * The ids that ran since the last call, sorted; the log is emptied.
 *
 * @param p The project.
 * @returns The ids.
 */
export async function ran(p: TempProject): Promise<string[]> {
  const text = await p.read("ran.log").catch(() => "");
  await Deno.remove(join(p.dir, "ran.log")).catch(() => {});
  return text.split("\n").filter(Boolean).sort();
}

/**
 * Makes a fixture pass or fail from now on.
 *
 * @param p The project.
 * @param id The fixture id.
 * @param state `pass` or `fail`.
 */
export const setState = (p: TempProject, id: string, state: "pass" | "fail"): Promise<void> =>
  p.write(stateFile(id), state);
