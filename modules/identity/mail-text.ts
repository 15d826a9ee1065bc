type Locale = "pt-BR" | "en";

/** Invitation and reset emails, in the recipient's language (plain text, no tracking). */
export function inviteEmail(link: string, role: string, hours: number, locale: Locale) {
  return locale === "en"
    ? {
        subject: "You are invited to the Lifetrek App",
        text: `You were invited to the Lifetrek App as ${role}.\n\nCreate your password here (valid for ${hours} hours, once):\n${link}\n`,
      }
    : {
        subject: "Convite para o Lifetrek App",
        text: `Você foi convidado(a) para o Lifetrek App como ${role}.\n\nCrie sua senha aqui (válido por ${hours} horas, uma vez):\n${link}\n`,
      };
}

export function resetEmail(link: string, locale: Locale) {
  return locale === "en"
    ? {
        subject: "Reset your Lifetrek App password",
        text: `Someone asked to reset your password. If it was you, open this link (valid for 1 hour):\n${link}\n\nIf not, ignore this email.`,
      }
    : {
        subject: "Redefinir sua senha do Lifetrek App",
        text: `Pediram a redefinição da sua senha. Se foi você, abra este link (válido por 1 hora):\n${link}\n\nSe não foi, ignore este e-mail.`,
      };
}
