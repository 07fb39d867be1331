import type { AllMessages } from "./resources.ts";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: AllMessages };
  }
}
