import { Type } from 'typebox';

const WhoCanInvite = Type.Union([Type.Literal('everyone'), Type.Literal('email_required')], {
  description: 'Who can send you invitations: everyone, or only people who know your email address',
});

const AutoWithdrawAfterDays = Type.Union([Type.Integer({ minimum: 1, maximum: 3650 }), Type.Null()], {
  description: 'Withdraw your pending invitations after this many days; null is off',
});

const emailSwitches = {
  invitationReceived: Type.Boolean({ description: 'Email me about a new invitation' }),
  invitationAccepted: Type.Boolean({ description: 'Email me when someone accepts my invitation' }),
  reminders: Type.Boolean({
    description: 'Email me reminders: an invitation still waiting for my answer, my own stale invitations',
  }),
};

const EmailSettings = Type.Object(emailSwitches, {
  description: 'Which emails the member gets (N2); all on by default',
});

export const SettingsReply = Type.Object({
  whoCanInvite: WhoCanInvite,
  autoWithdrawAfterDays: AutoWithdrawAfterDays,
  email: EmailSettings,
});

export const UpdateSettingsBody = Type.Object(
  {
    whoCanInvite: Type.Optional(WhoCanInvite),
    autoWithdrawAfterDays: Type.Optional(AutoWithdrawAfterDays),
    email: Type.Optional(
      Type.Object(
        {
          invitationReceived: Type.Optional(emailSwitches.invitationReceived),
          invitationAccepted: Type.Optional(emailSwitches.invitationAccepted),
          reminders: Type.Optional(emailSwitches.reminders),
        },
        { additionalProperties: false, description: 'Any subset of the email switches' },
      ),
    ),
  },
  { additionalProperties: false },
);
