import { intentAction } from "~/lib/actions.server.ts";
import { permit } from "~/policy/index.ts";
import { createJointGroup, dissolveJointGroup, grantCollegeOverride, revokeCollegeOverride, updateJointGroup } from "../organisers.server.ts";
import { collegeById, jointGroupById } from "./admin.server.ts";
import { collegeIdSchema, editGroupSchema, grantSchema, groupFormSchema, groupIdSchema } from "./schemas.ts";

/** /training/settings/colleges: the ≥6 override and the joint training groups (学工部). */
export const collegesAction = intentAction({
  intents: (intent) => ({
    grant: intent({
      schema: grantSchema,
      target: (_call, { collegeId }) => collegeById(collegeId),
      authorize: ({ user }) => permit(user, "training:administer", null),
      run: async ({ user, t }, { collegeId, reason }, college) => {
        await grantCollegeOverride(collegeId, reason, user.id);
        return { notice: t("training.admin.colleges.grantedNotice", { college: college.name }) };
      },
    }),
    revoke: intent({
      schema: collegeIdSchema,
      target: (_call, { collegeId }) => collegeById(collegeId),
      authorize: ({ user }) => permit(user, "training:administer", null),
      confirm: ({ t }, _input, college) => ({ message: t("training.admin.colleges.revokeQuestion", { college: college.name }), confirmLabel: t("training.admin.colleges.revoke") }),
      run: async ({ user, t }, { collegeId }, college) => {
        await revokeCollegeOverride(collegeId, user.id);
        return { notice: t("training.admin.colleges.revoked", { college: college.name }) };
      },
    }),
    createGroup: intent({
      schema: groupFormSchema,
      authorize: ({ user }) => permit(user, "training:administer", null),
      run: async ({ user, t }, group) => {
        await createJointGroup(group, user.id);
        return { notice: t("training.admin.colleges.created", { name: group.name }) };
      },
    }),
    updateGroup: intent({
      schema: editGroupSchema,
      keepForm: true,
      target: (_call, { groupId }) => jointGroupById(groupId),
      authorize: ({ user }) => permit(user, "training:administer", null),
      run: async ({ user, t }, { groupId, ...group }) => {
        await updateJointGroup(groupId, group, user.id);
        return { notice: t("training.admin.colleges.saved", { name: group.name }) };
      },
    }),
    dissolveGroup: intent({
      schema: groupIdSchema,
      target: (_call, { groupId }) => jointGroupById(groupId),
      authorize: ({ user }) => permit(user, "training:administer", null),
      confirm: ({ t }, _input, group) => ({ message: t("training.admin.colleges.dissolveQuestion", { name: group.name }), confirmLabel: t("training.admin.colleges.dissolve") }),
      run: async ({ user, t }, { groupId }, group) => {
        await dissolveJointGroup(groupId, user.id);
        return { notice: t("training.admin.colleges.dissolved", { name: group.name }) };
      },
    }),
  }),
});
