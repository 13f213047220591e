import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Avatar } from './Avatar';

/** One member in a list of people: face, name linking to the profile, headline, and `children` below. */
export function MemberRow({
  member,
  children,
}: {
  member: { id: string; name: string; headline: string };
  children?: ReactNode;
}) {
  return (
    <li className="row">
      <Avatar id={member.id} name={member.name} />
      <div className="row__body">
        <Link to={`/in/${member.id}`} className="row__name">
          {member.name}
        </Link>
        {member.headline && <p className="row__headline">{member.headline}</p>}
        {children}
      </div>
    </li>
  );
}
