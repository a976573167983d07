package io.github.cognitoemailotp.layer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailMaskTest {

  @Test
  void keepsFirstLettersAndTopLevelDomain() {
    assertThat(EmailMask.mask("john.smith@example.com")).isEqualTo("j***@e***.com");
    assertThat(EmailMask.mask("a@b.co.uk")).isEqualTo("a***@b***.uk");
  }

  @Test
  void handlesDomainsWithoutDotsAndOddInput() {
    assertThat(EmailMask.mask("root@localhost")).isEqualTo("r***@l***");
    assertThat(EmailMask.mask("")).isEqualTo("***");
    assertThat(EmailMask.mask("no-at-sign")).isEqualTo("***");
    assertThat(EmailMask.mask("@example.com")).isEqualTo("***");
    assertThat(EmailMask.mask("user@")).isEqualTo("***");
    assertThat(EmailMask.mask("a@.com")).isEqualTo("a***@.***");
  }

  @Test
  void keepsWholeCharactersOutsideTheBasicPlane() {
    assertThat(EmailMask.mask("\uD83D\uDE00x@\u00E9xample.jp"))
        .isEqualTo("\uD83D\uDE00***@\u00E9***.jp");
  }
}
