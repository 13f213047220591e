import { Section, Text } from '@react-email/components';
import { Layout, Paragraph, type LayoutProps } from './Layout.js';

export interface InvitationReceivedProps {
  frame: Omit<LayoutProps, 'children' | 'heading' | 'preview' | 'button' | 'reason'>;
  senderName: string;
  /** Empty when the sender has none. */
  senderHeadline: string;
  /** Quoted only when the deployment opted in (RAPPORT_EMAIL_NOTE=1); null otherwise. */
  note: string | null;
  receivedHref: string;
}

/** "Ada Lovelace wants to connect": who, their headline, and the way to the Received tab. */
export function InvitationReceived(props: InvitationReceivedProps) {
  return (
    <Layout
      {...props.frame}
      preview={`${props.senderName} invited you to connect on Rapport`}
      heading={`${props.senderName} wants to connect`}
      button={{ label: 'See invitation', href: props.receivedHref }}
      reason={`You get this email because ${props.senderName} invited you to connect on Rapport.`}
    >
      {props.senderHeadline ? <Paragraph muted>{props.senderHeadline}</Paragraph> : null}
      <Paragraph>Accept or ignore the invitation on your Received tab.</Paragraph>
      {props.note !== null ? (
        <Section style={{ borderLeft: '3px solid #0a66c2', padding: '4px 0 4px 12px', margin: '0 0 12px' }}>
          <Text className="rp-muted" style={{ fontSize: '13px', margin: '0 0 4px', color: '#4a5361' }}>
            Their note
          </Text>
          <Text
            className="rp-text"
            style={{ fontSize: '16px', margin: 0, whiteSpace: 'pre-line', color: '#1f2937' }}
          >
            {props.note}
          </Text>
        </Section>
      ) : null}
    </Layout>
  );
}
