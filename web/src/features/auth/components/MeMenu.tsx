import { useNavigate } from 'react-router-dom';
import { Avatar } from '../../../components/Avatar';
import { CaretIcon } from '../../../components/icons';
import { Menu } from '../../../components/Menu';
import { chooseScheme, useScheme } from '../../../lib/theme';
import { useMe } from '../api/getMe';
import { useLogOut } from '../api/logOut';

/** The article's first step: "Click on the Me icon… Click on View Profile". */
export function MeMenu() {
  const me = useMe();
  const logOut = useLogOut();
  const navigate = useNavigate();
  const member = me.data?.member;
  const scheme = useScheme();

  return (
    <Menu
      label="Me"
      buttonClassName="topbar__item topbar__me"
      content={
        <>
          {member ? (
            <Avatar id={member.id} name={member.name} size="small" />
          ) : (
            <span className="avatar avatar--small" />
          )}
          <span className="topbar__label">
            Me <CaretIcon />
          </span>
        </>
      }
      header={
        member && (
          <div className="me-card">
            <Avatar id={member.id} name={member.name} />
            <div>
              <p className="me-card__name">{member.name}</p>
              {member.headline && <p className="me-card__headline">{member.headline}</p>}
            </div>
          </div>
        )
      }
      items={[
        { label: 'View Profile', to: member ? `/in/${member.id}` : '/' },
        { label: 'Settings', to: '/settings' },
        {
          label: 'Dark mode',
          checked: scheme === 'dark',
          onToggle: () => chooseScheme(scheme === 'dark' ? 'light' : 'dark'),
        },
        {
          label: 'Sign out',
          onSelect: () =>
            logOut.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) }),
        },
      ]}
    />
  );
}
