package news.timeline.system;

import news.timeline.embedded.StackOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackOptionsTest {

    @Test
    void theCommandLineGivesPortsTheDataFolderAndSettingsForBothServicesOrForOne() {
        StackOptions options = StackOptions.fromCommandLine(new String[] {"/tmp/stack", "--query-port=9000",
                "--spring.profiles.active=postgres", "--command.spring.datasource.url=jdbc:postgresql:///commands",
                "--query.spring.datasource.url=jdbc:postgresql:///readers"}, "data");

        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/stack"));
        assertThat(options.queryPort()).isEqualTo(9000);
        assertThat(options.commandPort()).isEqualTo(8081);
        assertThat(options.commandArguments()).containsExactly("--spring.profiles.active=postgres",
                "--spring.datasource.url=jdbc:postgresql:///commands");
        assertThat(options.queryArguments()).containsExactly("--spring.profiles.active=postgres",
                "--spring.datasource.url=jdbc:postgresql:///readers");
    }

    @Test
    void anOptionWithoutAValueIsRefused() {
        assertThatThrownBy(() -> StackOptions.fromCommandLine(new String[] {"--query-port"}, "data"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
