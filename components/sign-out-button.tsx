import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/lib/server/account/actions";
import { asFormAction } from "@/components/form-action";

export async function SignOutButton() {
  const t = await getTranslations("nav");
  return (
    <form action={asFormAction(signOutAction)}>
      <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100">
        {t("signOut")}
      </button>
    </form>
  );
}
