using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace SampleMind.Cli;

/// <summary>Options every command takes: where the API is and which key to use.</summary>
internal static class CliOptions
{
    /// <summary>What a key looks like, said when one does not.</summary>
    private const string TokenRule = "a key is printable ASCII without spaces or line breaks (smk_...).";

    /// <summary>The longest <see cref="AnswerTimeout"/> taken: a day.</summary>
    private const int MaxTimeoutSeconds = 86_400;

    public static Option<string> Api { get; } = new("--api")
    {
        Description = "API base address (env SAMPLEMIND_API)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SAMPLEMIND_API") ?? "http://127.0.0.1:5080",
        Recursive = true,
    };

    public static Option<string?> Key { get; } = new("--key")
    {
        Description = "API key (env SAMPLEMIND_API_KEY; else the file named by --key-file)",
        Recursive = true,
    };

    public static Option<string?> KeyFile { get; } = new("--key-file")
    {
        Description = "file holding the API key (default ./data/admin.key, written by the server at first start)",
        Recursive = true,
        Validators =
        {
            result =>
            {
                if (result.GetValueOrDefault<string?>() is "")
                {
                    result.AddError("--key-file must not be empty; name the file that holds the key.");
                }
            },
        },
    };

    /// <summary>How long a request waits for its answer to begin (its headers); the body that follows is not cut.</summary>
    public static Option<int> AnswerTimeout { get; } = new("--timeout")
    {
        // The help adds the default ("[default: 100]") from DefaultValueFactory.
        Description = "seconds a request waits for the API to begin its answer (env SAMPLEMIND_TIMEOUT)",
        Recursive = true,
        CustomParser = result => Seconds(result, "--timeout", result.Tokens[0].Value),
        DefaultValueFactory = result => Environment.GetEnvironmentVariable("SAMPLEMIND_TIMEOUT") is { Length: > 0 } set
            ? Seconds(result, "SAMPLEMIND_TIMEOUT", set)
            : (int)ApiClient.DefaultAnswerTimeout.TotalSeconds,
    };

    /// <summary>
    /// A command's <c>--json</c>: print the API's JSON answer as it sent it (one document, for scripts) instead of
    /// <paramref name="instead"/>.
    /// </summary>
    public static Option<bool> Json(string instead) =>
        new("--json") { Description = $"print the API's JSON answer, as it sent it, instead of {instead}" };

    /// <summary>A client for the address and key the command line names; <see cref="UsageException"/> when it names them wrongly.</summary>
    public static ApiClient CreateClient(ParseResult result)
    {
        var api = result.GetValue(Api)!;
        if (!Uri.TryCreate(api, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--api (or SAMPLEMIND_API) is '{api}'; it must be an http:// or https:// address, e.g. http://127.0.0.1:5080.");
        }

        // An empty variable counts as unset (a shell's "export SAMPLEMIND_API_KEY=" would otherwise hide --key-file).
        var key = result.GetValue(Key) ?? (Environment.GetEnvironmentVariable("SAMPLEMIND_API_KEY") is { Length: > 0 } set ? set : null);
        if (key is null)
        {
            var named = result.GetValue(KeyFile);
            var file = named ?? Path.Combine("data", "admin.key");
            if (named is not null || File.Exists(file))
            {
                key = ReadKeyFile(file);
            }
        }
        else if (!IsToken(key))
        {
            throw new UsageException($"--key (or SAMPLEMIND_API_KEY) is not an API key: {TokenRule}");
        }

        return ApiClient.Create(api, key, TimeSpan.FromSeconds(result.GetValue(AnswerTimeout)));
    }

    /// <summary>The key <paramref name="file"/> holds (surrounding white space trimmed); <see cref="UsageException"/> when it holds none.</summary>
    private static string ReadKeyFile(string file)
    {
        if (Directory.Exists(file))
        {
            throw new UsageException($"The key file '{file}' is a folder; name the file that holds the key.");
        }

        string key;
        try
        {
            key = File.ReadAllText(file).Trim();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException($"The key file '{file}' does not exist.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"The key file '{file}' cannot be read: {e.Message}");
        }

        if (key.Length == 0)
        {
            throw new UsageException($"The key file '{file}' is empty; it should hold an API key (smk_...).");
        }

        return IsToken(key) ? key : throw new UsageException($"The key file '{file}' does not hold an API key: {TokenRule}");
    }

    /// <summary><paramref name="text"/> as a number of seconds, or an error on <paramref name="result"/> that names <paramref name="source"/>.</summary>
    private static int Seconds(ArgumentResult result, string source, string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= MaxTimeoutSeconds)
        {
            return seconds;
        }

        result.AddError($"{source} must be a whole number of seconds from 1 to {MaxTimeoutSeconds}; it is '{text}'.");
        return 1;
    }

    /// <summary>Whether <paramref name="key"/> can go in an <c>Authorization</c> header as it is (empty: no header).</summary>
    private static bool IsToken(string key) => key.All(c => c is > ' ' and <= '~');
}
