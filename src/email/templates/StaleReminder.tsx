import { Layout, Paragraph, type LayoutProps } from './Layout.js';

export interface StaleReminderProps {
  frame: Omit<LayoutProps, 'children' | 'heading' | 'preview' | 'button' | 'reason'>;
  /** "3 invitations have" / "1 invitation has". */
  howMany: string;
  staleDays: string;
  sentHref: string;
}

/** The senders' stale-review reminder (N1, N2): at most one a week. */
export function StaleReminder(props: StaleReminderProps) {
  const heading = `${props.howMany} been waiting for over ${props.staleDays} days`;
  return (
    <Layout
      {...props.frame}
      preview={heading}
      heading={heading}
      button={{ label: 'Review sent invitations', href: props.sentHref }}
      reason="You get this email because invitations you sent have been waiting for a long time. It comes at most once a week."
    >
      <Paragraph>
        Invitations that stay unanswered for a long time may be worth withdrawing. The other member is never
        told.
      </Paragraph>
    </Layout>
  );
}
