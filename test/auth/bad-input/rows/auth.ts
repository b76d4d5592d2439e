import { TEST_PASSWORD } from '../../../utils/test-app';
import type { BadInputModule } from '../bad-input';

/** Sign-in and change-password. */
export const authBadInput: BadInputModule = {
  name: 'auth',
  bodies: [
    {
      route: 'POST /api/auth/login',
      caller: 'anonymous',
      // one account (the suite's app locks only after 100 failures, and every valid case resets the count)
      request: async (ctx) => {
        ctx.data.login ??= await ctx.t.userFor('commune', '02287', 'bi.login');
        return { path: '/api/auth/login', body: { username: 'bi.login', password: TEST_PASSWORD } };
      },
      accepts: 200,
      fields: {
        username: { kind: 'credential', required: true },
        password: { kind: 'credential', required: true },
      },
    },
    {
      route: 'POST /api/auth/change-password',
      caller: 'commune',
      // one session, renewed only once an accepted change has ended it
      request: async (ctx) => {
        const alive = ctx.data.cpToken && (await ctx.t.http().get('/api/auth/me').set('Authorization', `Bearer ${ctx.data.cpToken}`)).status === 200;
        if (!alive) ctx.data.cpToken = await ctx.t.tokenFor('commune', '02287', 'bi.changepw');
        return { path: '/api/auth/change-password', token: ctx.data.cpToken, body: { currentPassword: TEST_PASSWORD, newPassword: 'mat-khau-moi-du-dai' } };
      },
      accepts: 200,
      fields: {
        currentPassword: { kind: 'credential', required: true, wrongStatus: 400 },
        newPassword: { kind: 'password', required: true },
      },
    },
  ],
};
