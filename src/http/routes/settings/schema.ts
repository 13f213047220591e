import { Type } from 'typebox';

const WhoCanInvite = Type.Union([Type.Literal('everyone'), Type.Literal('email_required')], {
  description: 'Who can send you invitations: everyone, or only people who know your email address',
});

const AutoWithdrawAfterDays = Type.Union([Type.Integer({ minimum: 1, maximum: 3650 }), Type.Null()], {
  description: 'Withdraw your pending invitations after this many days; null is off',
});

export const SettingsReply = Type.Object({
  whoCanInvite: WhoCanInvite,
  autoWithdrawAfterDays: AutoWithdrawAfterDays,
});

export const UpdateSettingsBody = Type.Object(
  { whoCanInvite: Type.Optional(WhoCanInvite), autoWithdrawAfterDays: Type.Optional(AutoWithdrawAfterDays) },
  { additionalProperties: false },
);
