/** POST /camp/:campId/test/answers: the taker's page saves answers here as it goes (JSON). */
export { answersAction as action } from "~/camp/test/answers.actions.server.ts";
