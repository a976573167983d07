package io.github.cognitoemailotp.layer;

/** Shows where a code went without showing the whole address: {@code j***@e***.com}. */
public final class EmailMask {

  private EmailMask() {}

  public static String mask(String email) {
    int at = email.lastIndexOf('@');
    if (at <= 0 || at == email.length() - 1) {
      return "***";
    }
    String domain = email.substring(at + 1);
    int lastDot = domain.lastIndexOf('.');
    String topLevel = lastDot > 0 ? domain.substring(lastDot) : "";
    return firstCharacter(email) + "***@" + firstCharacter(domain) + "***" + topLevel;
  }

  private static String firstCharacter(String text) {
    return new String(Character.toChars(text.codePointAt(0)));
  }
}
