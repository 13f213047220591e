import { Layout, Paragraph, type LayoutProps } from './Layout.js';

export interface InvitationReminderProps {
  frame: Omit<LayoutProps, 'children' | 'heading' | 'preview' | 'button' | 'reason'>;
  senderName: string;
  senderHeadline: string;
  /** "8 days ago", "3 weeks ago". */
  sentAgo: string;
  /** 1 or 2: the second reminder is the last. */
  step: number;
  receivedHref: string;
}

/** A received invitation still waiting for an answer (up to two reminders, N2). */
export function InvitationReminder(props: InvitationReminderProps) {
  return (
    <Layout
      {...props.frame}
      preview={`${props.senderName} is waiting for your answer`}
      heading={
        props.step >= 2
          ? `Still waiting: ${props.senderName} wants to connect`
          : `${props.senderName} is waiting for your answer`
      }
      button={{ label: 'See invitation', href: props.receivedHref }}
      reason={`You get this email because an invitation from ${props.senderName} is still waiting. Reminders are sent at most twice.`}
    >
      {props.senderHeadline ? <Paragraph muted>{props.senderHeadline}</Paragraph> : null}
      <Paragraph>
        {`${props.senderName} invited you to connect ${props.sentAgo}. Accept or ignore it on your Received tab.`}
      </Paragraph>
    </Layout>
  );
}
