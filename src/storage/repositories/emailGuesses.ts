import type { EmailGuesses } from '../../domain/trust.js';
import type { Queryable } from '../database.js';
import { newId } from '../ids.js';

/**
 * The sender's wrong email guesses after `since`, oldest first: in all and at this recipient,
 * each list at most as long as its limit.
 */
export async function emailGuessesSince(
  db: Queryable,
  senderId: string,
  recipientId: string,
  since: number,
  limits: { perSender: number; perRecipient: number },
): Promise<EmailGuesses> {
  const bySender = await db
    .selectFrom('email_guesses')
    .select('at')
    .where('sender_id', '=', senderId)
    .where('at', '>', since)
    .orderBy('at', 'asc')
    .limit(limits.perSender)
    .execute();
  const toRecipient = await db
    .selectFrom('email_guesses')
    .select('at')
    .where('sender_id', '=', senderId)
    .where('recipient_id', '=', recipientId)
    .where('at', '>', since)
    .orderBy('at', 'asc')
    .limit(limits.perRecipient)
    .execute();
  return { bySender: bySender.map((r) => r.at), toRecipient: toRecipient.map((r) => r.at) };
}

/**
 * Remembers a wrong guess, and forgets the sender's guesses that no longer count (`forgetUpTo`),
 * so the table holds only what the throttle reads without a sweep.
 */
export async function recordEmailGuess(
  db: Queryable,
  guess: { senderId: string; recipientId: string; at: number; forgetUpTo: number },
): Promise<void> {
  await db
    .deleteFrom('email_guesses')
    .where('sender_id', '=', guess.senderId)
    .where('at', '<=', guess.forgetUpTo)
    .execute();
  await db
    .insertInto('email_guesses')
    .values({ id: newId(), sender_id: guess.senderId, recipient_id: guess.recipientId, at: guess.at })
    .execute();
}
