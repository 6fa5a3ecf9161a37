/**
 * Issues a signed-in subject's token, as a site's backend would:
 *   SUBJECT_TOKEN_SECRET=… npx tsx server/issue-token.ts <subject> [lifetime in seconds, 3600]
 * Prints the token; the page puts it in `subject-token`.
 */
import {issueSubjectToken, parseSecret} from './subject-token.js';

const [subject, lifetime = '3600'] = process.argv.slice(2);
try {
  const secret = parseSecret('SUBJECT_TOKEN_SECRET', process.env.SUBJECT_TOKEN_SECRET);
  if (!secret) throw new Error('Set SUBJECT_TOKEN_SECRET to the secret the endpoint uses.');
  if (!subject) throw new Error('Usage: issue-token <subject> [lifetime in seconds]');
  const seconds = Number(lifetime);
  if (!Number.isInteger(seconds) || seconds <= 0)
    throw new Error('The lifetime is a whole number of seconds.');
  console.log(await issueSubjectToken(secret, subject, Math.floor(Date.now() / 1000) + seconds));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
