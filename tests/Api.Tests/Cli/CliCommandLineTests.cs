using System.Text.RegularExpressions;

namespace SampleMind.Api.Tests.Cli;

/// <summary>
/// The CLI's command line, run as the built process: every command line it cannot act on exits 2 with its reason on
/// stderr (no stack trace, no request), and the help says what the commands take and what the exit codes mean.
/// </summary>
public sealed class CliCommandLineTests
{
    [Theory]
    [InlineData("Required argument missing", "search")]
    [InlineData("Unrecognized command or argument 'nosuch'", "nosuch")]
    [InlineData("Unrecognized command or argument '--nosuch'", "export", "j", "--nosuch")]
    [InlineData("Unrecognized command or argument 'b'", "export", "a", "b")]
    [InlineData("--limit must be a whole number from 1 to 100; it is 'abc'", "search", "x", "--limit", "abc")]
    [InlineData("--limit must be a whole number from 1 to 100; it is '99999999999'", "search", "x", "--limit", "99999999999")]
    [InlineData("--limit must be a whole number from 1 to 100; it is '101'", "search", "x", "--limit", "101")]
    [InlineData("'abc'", "ingest", "d", "--priority", "abc")]
    [InlineData("--priority must be a whole number from 0 to 9; it is '10'", "ingest", "d", "--priority", "10")]
    [InlineData("'bogus'", "ingest", "d", "--level", "bogus")]
    [InlineData("'--bogus' is not an option of this command", "jobs", "--bogus")]
    [InlineData("'--bogus' is not an option of this command", "libraries", "--bogus")]
    [InlineData("'xml'", "export", "j", "--format", "xml")]
    [InlineData("--pause needs a job id", "jobs", "--pause")]
    [InlineData("--cancel needs a job id", "jobs", "--cancel")]
    [InlineData("--pause and --cancel cannot go together", "jobs", "j", "--pause", "--cancel")]
    [InlineData("a library id must not be empty", "ingest", "d", "--library", "")]
    [InlineData("a library id must not be empty", "search", "x", "--library", "")]
    [InlineData("a job id must not be empty", "export", "")]
    [InlineData("a job id cannot be '..'", "jobs", "..")]
    [InlineData("a key id must not be empty", "keys", "revoke", "")]
    [InlineData("a sample id must not be empty", "samples", "delete", "")]
    [InlineData("Required argument missing", "samples", "delete")]
    [InlineData("--delete needs a library id", "libraries", "--delete")]
    [InlineData("a tenant id cannot be '.'", "keys", "list", "--tenant", ".")]
    [InlineData("--json needs --no-wait", "ingest", "d", "--json")]
    public async Task A_command_line_that_cannot_be_acted_on_exits_2_with_its_reason(string reason, params string[] args)
    {
        // Nothing listens at the address: a request would fail with exit code 1.
        var run = await CliProcess.RunAsync([.. args, "--api", "http://127.0.0.1:1", "--key", "smk_a_b"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("the directory to ingest must not be empty", "ingest", "", "--key", "smk_a_b")]
    [InlineData("the directory to ingest must not be empty", "ingest", "", "--upload", "--key", "smk_a_b")]
    [InlineData("--key-file must not be empty", "--key-file", "", "jobs")]
    [InlineData("--key-file must not be empty", "jobs", "--key-file", "", "--key", "smk_a_b")]
    [InlineData("--key must not be empty", "jobs", "--key", "")]
    [InlineData("--key must not be empty", "--key", "", "export", "j")]
    public async Task An_empty_argument_exits_2_with_its_reason_not_a_stack_trace(string reason, params string[] args)
    {
        // Each was an unhandled ArgumentException: a stack trace and exit code 134.
        var run = await CliProcess.RunAsync([.. args, "--api", "http://127.0.0.1:1"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_help_shows_an_optional_id_as_optional_and_lists_the_exit_codes()
    {
        var root = await CliProcess.RunAsync("--help");
        var export = await CliProcess.RunAsync("export", "--help");
        var ingest = await CliProcess.RunAsync("ingest", "--help");

        Assert.Equal(0, root.ExitCode);
        Assert.Matches(@"\n  jobs \[<id>\] +list jobs", root.Out);
        Assert.Matches(@"\n  export <job> +stream", root.Out);
        Assert.Matches(@"\n  libraries \[<id>\]  +list libraries", root.Out);
        Assert.Equal(DescriptionColumn(root.Out, "jobs"), DescriptionColumn(root.Out, "libraries"));
        Assert.Equal(DescriptionColumn(root.Out, "jobs"), DescriptionColumn(root.Out, "export"));
        Assert.Contains("2 the command line is wrong; 3 an ingest's job ended without every file ingested", root.Out, StringComparison.Ordinal);
        Assert.Contains("json: JSON Lines (one object per line)", export.Out, StringComparison.Ordinal);
        Assert.Contains("repeat it for more", ingest.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_help_shows_the_timeout_default_once()
    {
        var root = await CliProcess.RunAsync("--help");

        var timeout = root.Out.Split('\n').Single(l => l.TrimStart().StartsWith("--timeout", StringComparison.Ordinal));
        Assert.Single(Regex.Matches(timeout, @"\[default: 100\]"));
    }

    [Fact]
    public async Task A_named_key_file_that_does_not_exist_is_a_usage_error_even_with_SAMPLEMIND_API_KEY_set()
    {
        var missing = Path.Combine(Path.GetTempPath(), "samplemind-no-such-key-" + Guid.NewGuid().ToString("N"));

        // The variable's key went, and the request failed: exit code 1.
        var run = await CliProcess.RunAsync(new Dictionary<string, string> { ["SAMPLEMIND_API_KEY"] = "smk_a_b" }, "jobs", "--key-file", missing, "--api", "http://127.0.0.1:1");

        Assert.Equal((2, $"The key file '{missing}' does not exist.\n"), (run.ExitCode, run.Error));
    }

    [Fact]
    public async Task A_key_and_a_key_file_cannot_go_together()
    {
        var run = await CliProcess.RunAsync("jobs", "--key", "smk_a_b", "--key-file", "/etc/hostname", "--api", "http://127.0.0.1:1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--key and --key-file cannot go together", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_SAMPLEMIND_TIMEOUT_is_a_usage_error_whose_help_shows_the_real_default()
    {
        var run = await CliProcess.RunAsync(new Dictionary<string, string> { ["SAMPLEMIND_TIMEOUT"] = "abc" }, "jobs", "--api", "http://127.0.0.1:1", "--key", "smk_a_b");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("SAMPLEMIND_TIMEOUT must be a whole number of seconds from 1 to 86400; it is 'abc'", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("[default: 1]", run.Out + run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("samples")]
    [InlineData("./samples")]
    [InlineData("../srv/samples")]
    public async Task A_relative_directory_for_an_api_on_another_machine_is_a_usage_error(string dir)
    {
        // 192.0.2.1 (TEST-NET-1) never answers: a request would end after the timeout with exit code 1.
        var run = await CliProcess.RunAsync("ingest", dir, "--api", "http://192.0.2.1:5080", "--key", "smk_a_b", "--timeout", "1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"'{dir}' is a relative path", run.Error, StringComparison.Ordinal);
        Assert.Contains("--upload", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Where the description of <paramref name="command"/> starts in the root help's list of commands.</summary>
    private static int DescriptionColumn(string help, string command)
    {
        var line = help.Split('\n').Single(l => l.StartsWith($"  {command} ", StringComparison.Ordinal));
        return Regex.Match(line, @"^  \S+(?: \S+)*  +").Length;
    }
}
