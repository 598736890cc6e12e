import { defineConsoleAsset } from './assets';

// Small on purpose (about 2 KB, cached): system fonts, no images, one column on a phone,
// nothing an old Android or Opera Mini browser cannot draw.
const CSS = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1d2327;background:#f4f5f7}
a{color:#0b5cad}
header{background:#1f4e3d;color:#fff;padding:6px 10px;overflow:hidden}
header a{color:#fff;text-decoration:none;font-weight:bold}
header .who{float:right}
header form{display:inline;margin-left:6px}
header button{background:none;border:1px solid #fff;color:#fff;padding:2px 8px;border-radius:3px}
nav{background:#e2e8e4;padding:4px 6px;border-bottom:1px solid #c9d3cd}
nav a{display:inline-block;padding:4px 8px;margin:1px;border-radius:3px;text-decoration:none}
nav a.here{background:#1f4e3d;color:#fff}
main{padding:10px;max-width:1100px}
h1{font-size:20px;margin:4px 0 10px}
h2{font-size:17px;margin:14px 0 6px}
table{border-collapse:collapse;width:100%;background:#fff}
svg.chart{display:block;max-width:100%;height:auto;background:#fff}
.legend{list-style:none;padding:0}
.legend li{display:inline-block;margin-right:1.5em}
th,td{text-align:left;padding:4px 6px;border-bottom:1px solid #e1e4e8;vertical-align:top}
th{background:#eef1f3;font-size:13px}
.scroll{overflow-x:auto}
.muted{color:#66707a;font-size:13px}
.nowrap{white-space:nowrap}
.notice,.error{padding:6px 10px;margin:0 0 10px;border-radius:3px}
.notice{background:#e3f4e8;border:1px solid #9fd3ad}
.error{background:#fbe7e7;border:1px solid #e3a1a1}
form.filters{background:#fff;padding:8px;margin-bottom:10px;border:1px solid #e1e4e8}
form.filters label{display:inline-block;margin:0 8px 6px 0}
input,select,button,textarea{font:inherit;padding:4px 6px;max-width:100%}
button{cursor:pointer}
form.inline{display:inline}
.pager{margin:10px 0}
.status{font-size:12px;padding:0 4px;border-radius:3px;background:#eef1f3;white-space:nowrap}
.status-failed,.status-errored{background:#fbe7e7}
.status-delivered,.status-handled,.status-sent{background:#e3f4e8}
.thread{list-style:none;padding:0;margin:0;max-width:640px}
.thread li{margin:6px 0;overflow:hidden}
.bubble{display:inline-block;max-width:85%;padding:6px 9px;border-radius:8px;white-space:pre-wrap;word-wrap:break-word}
.in .bubble{background:#fff;border:1px solid #d4d9de}
.out{text-align:right}
.out .bubble{background:#dcf0e4;text-align:left}
.thread .meta{display:block;font-size:12px;color:#66707a}
.phones a{display:inline-block;margin:2px 4px 2px 0;padding:3px 8px;border:1px solid #c9d3cd;border-radius:12px;text-decoration:none;background:#fff}
.phones a.here{background:#1f4e3d;color:#fff}
.login{max-width:320px;margin:40px auto;background:#fff;padding:16px;border:1px solid #e1e4e8}
.login label{display:block;margin:8px 0}
.login input{width:100%}
.hide{display:none}
@media (max-width:640px){
.log thead{display:none}
.log,.log tbody,.log tr{display:block}
.log tr{border-bottom:1px solid #d4d9de;padding:4px 0}
.log td{display:inline-block;border:0;padding:1px 6px}
.log td.wide{display:block}
.log td br{display:none}
.log td[data-label]:before{content:attr(data-label) ": ";color:#66707a}
}
.confirm{background:#fff7e0;border:1px solid #e8cf87;padding:8px;margin-bottom:10px}
`;

export const consoleStylesheet = defineConsoleAsset('console.css', CSS.trim());
