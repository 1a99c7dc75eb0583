package io.shipwatch.ci;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryUrlTest {

    @ParameterizedTest
    @CsvSource({
            "https://github.com/o/r,                                        https://github.com/o/r",
            "https://github.com/o/r.git,                                    https://github.com/o/r",
            "https://github.com/o/r/,                                       https://github.com/o/r",
            "https://GitHub.com/o/r.git/,                                   https://github.com/o/r",
            "git@github.com:o/r.git,                                        https://github.com/o/r",
            "git@github.com:/o/r.git,                                       https://github.com/o/r",
            "github.com:o/r,                                                https://github.com/o/r",
            "ssh://git@github.com/o/r.git,                                  https://github.com/o/r",
            "ssh://git@gitlab.example.com:2222/group/sub/p.git,             https://gitlab.example.com/group/sub/p",
            "git://github.com/o/r.git,                                      https://github.com/o/r",
            "git+ssh://git@github.com/o/r.git,                              https://github.com/o/r",
            "https://gitlab.example.com:8443/g/p.git,                       https://gitlab.example.com:8443/g/p",
            "http://git.internal/scm/shop.git,                              http://git.internal/scm/shop",
            "https://github.com/o/r.git?ref=main#readme,                    https://github.com/o/r",
            "'  https://github.com/o/r.git  ',                              https://github.com/o/r",
    })
    void normalizesToBrowsableForm(String raw, String expected) {
        assertThat(RepositoryUrl.normalize(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "https://gitlab-ci-token:glcbt-64_s3cret@gitlab.com/g/p.git,     https://gitlab.com/g/p,                s3cret",
            "https://x-access-token:ghs_T0ken@github.com/o/r,               https://github.com/o/r,                T0ken",
            "https://user:pa/ss#w?rd@github.com/o/r.git,                    https://github.com/o/r,                rd",
            "https://fabrikam@dev.azure.com/fabrikam/Fiber/_git/shop,       https://dev.azure.com/fabrikam/Fiber/_git/shop, fabrikam@",
            "ssh://deploy:hunter2@git.example.com:22/o/r.git,               https://git.example.com/o/r,           hunter2",
            "oauth2:tok3n@gitlab.com:g/p.git,                               https://gitlab.com/g/p,                tok3n",
    })
    void dropsCredentials(String raw, String expected, String secret) {
        String normalized = RepositoryUrl.normalize(raw);

        assertThat(normalized).isEqualTo(expected);
        assertThat(normalized).doesNotContain(secret);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "/srv/git/shop.git", "file:///srv/git/shop.git", "C:\\repos\\shop", "shop",
            "https://user:pass#word/github.com/o/r"})
    void refusesWhatIsNotARemoteRepository(String raw) {
        assertThat(RepositoryUrl.normalize(raw)).isNull();
    }
}
