import { TEST_PASSWORD } from '../../../utils/test-app';
import { MatrixModule, PUBLIC, SIGNED_IN } from '../matrix';

/** Sign-in and the caller's own account. */
export const authMatrix: MatrixModule = {
  name: 'auth',
  async setup(ctx) {
    const res = await ctx.admin.post('/api/users', { username: 'matrix.login', password: 'matrix-login-password', role: 'commune', unitCode: '02287' });
    if (res.status !== 201) throw new Error(`auth setup: ${res.status} ${JSON.stringify(res.body)}`);
  },
  rows: [
    {
      route: 'POST /api/auth/login',
      scoped: false,
      writes: false, // records the last login, not an audited change
      request: () => ({ path: '/api/auth/login', body: { username: 'matrix.login', password: 'matrix-login-password' } }),
      expect: PUBLIC(200),
    },
    { route: 'GET /api/auth/me', scoped: false, request: () => ({ path: '/api/auth/me' }), expect: SIGNED_IN(200) },
    {
      route: 'POST /api/auth/change-password',
      scoped: false,
      freshSession: true,
      request: (ctx) => ({ path: '/api/auth/change-password', body: { currentPassword: TEST_PASSWORD, newPassword: `matrix-new-password-${ctx.seq()}` } }),
      expect: SIGNED_IN(200),
    },
  ],
};
