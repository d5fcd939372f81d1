extern alias cli;

using System.CommandLine;
using cli::SampleMind.Cli;

namespace SampleMind.Api.Tests.Cli;

/// <summary>The command line's address and key: a wrong one is a one-line usage error before any request.</summary>
public sealed class CliOptionsTests
{
    private static ParseResult Parse(params string[] args) =>
        new RootCommand { CliOptions.Api, CliOptions.Key, CliOptions.KeyFile }.Parse(args);

    [Theory]
    [InlineData("notaurl")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("/v1")]
    public void An_api_address_that_is_not_http_is_a_usage_error(string api)
    {
        var error = Assert.Throws<UsageException>(() => CliOptions.CreateClient(Parse("--api", api, "--key", "smk_a_b")));
        Assert.Contains(api, error.Message);
        Assert.Contains("http://", error.Message);
    }

    [Fact]
    public void A_named_key_file_that_is_missing_is_a_usage_error()
    {
        var missing = Path.Combine(Path.GetTempPath(), "samplemind-no-such-key-" + Guid.NewGuid().ToString("N"));
        var error = Assert.Throws<UsageException>(() => CliOptions.CreateClient(Parse("--api", "http://127.0.0.1:5080", "--key-file", missing)));
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void A_named_key_file_that_exists_is_read()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "smk_0123456789abcdef_secret\n");
            using var client = CliOptions.CreateClient(Parse("--api", "https://api.example:8443", "--key-file", file));
            Assert.NotNull(client);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("smk_0123_secret\nsmk_4567_other\n", "does not hold an API key: a key is printable ASCII without spaces or line breaks (smk_...).")]
    [InlineData("smk_0123 secret", "does not hold an API key: a key is printable ASCII without spaces or line breaks (smk_...).")]
    [InlineData("smk_0123_s\u00e9cret", "does not hold an API key: a key is printable ASCII without spaces or line breaks (smk_...).")]
    [InlineData("", "is empty; it should hold an API key (smk_...).")] // was sent as no key: a 401, exit 1
    [InlineData(" \n", "is empty; it should hold an API key (smk_...).")]
    public void A_key_file_that_does_not_hold_a_key_is_a_usage_error(string content, string said)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, content);
            var error = Assert.Throws<UsageException>(() => CliOptions.CreateClient(Parse("--api", "http://127.0.0.1:5080", "--key-file", file)));
            Assert.Equal($"The key file '{file}' {said}", error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_key_file_longer_than_4_KiB_does_not_hold_a_key()
    {
        var file = Path.GetTempFileName();
        try
        {
            // Printable ASCII, so a key by its characters: it was read whole and sent.
            File.WriteAllText(file, "smk_" + new string('k', 5000));
            var error = Assert.Throws<UsageException>(() => CliOptions.CreateClient(Parse("--api", "http://127.0.0.1:5080", "--key-file", file)));
            Assert.Equal($"The key file '{file}' does not hold an API key: it is longer than 4096 bytes.", error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_key_file_that_never_ends_is_read_no_further_than_4_KiB()
    {
        // /dev/zero was read into memory until the machine ran out of it.
        var error = Assert.Throws<UsageException>(() => CliOptions.CreateClient(Parse("--api", "http://127.0.0.1:5080", "--key-file", "/dev/zero")));
        Assert.Equal("The key file '/dev/zero' does not hold an API key: it is longer than 4096 bytes.", error.Message);
    }

    [Fact]
    public void A_key_that_is_not_one_is_a_usage_error()
    {
        var error = Assert.Throws<UsageException>(() => CliOptions.CreateClient(Parse("--api", "http://127.0.0.1:5080", "--key", "smk_0123\tsecret")));
        Assert.StartsWith("--key (or SAMPLEMIND_API_KEY) is not an API key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_file_that_is_a_folder_is_a_usage_error_saying_so()
    {
        var folder = Directory.CreateTempSubdirectory("samplemind-key-folder-").FullName;
        try
        {
            var error = Assert.Throws<UsageException>(() => CliOptions.CreateClient(Parse("--api", "http://127.0.0.1:5080", "--key-file", folder)));
            Assert.Equal($"The key file '{folder}' is a folder; name the file that holds the key.", error.Message);
        }
        finally
        {
            Directory.Delete(folder);
        }
    }
}
