/** npm run build: the production build into build/ (npm start does this itself when needed). */
import { buildAll } from "~/infra/build.server.ts";

buildAll();
