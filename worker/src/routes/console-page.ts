/**
 * `GET /admin/` (and `/admin`): the merchant console's page. It is a shell:
 * the console is `/admin/console.js` (a static asset built from console/),
 * which asks the admin API for everything, so this page holds no data and
 * needs no credential; the API behind it does.
 */

import { page, type Reply } from '../reply';

const SHELL = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Console · cinetpay-edge</title>
<link rel="icon" href="data:,">
<script type="module" src="/admin/console.js"></script>
</head>
<body>
<cinetpay-console></cinetpay-console>
<noscript>La console a besoin de JavaScript. The console needs JavaScript.</noscript>
</body>
</html>
`;

export function consolePage(): Reply {
  return page(SHELL);
}
