package io.shipwatch.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h, --help} alone. picocli's mixinStandardHelpOptions would also add {@code -V, --version}, which clashes
 * with {@code deploy start --version}, the deployed version.
 */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    public boolean help;
}
