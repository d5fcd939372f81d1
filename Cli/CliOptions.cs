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

    /// <summary>The most a key file is read: far more than a key, far less than a device that never ends (/dev/zero).</summary>
    private const int MaxKeyFileBytes = 4096;

    public static Option<string?> Key { get; } = new("--key")
    {
        Description = "API key; the key is the first of: --key, --key-file, env SAMPLEMIND_API_KEY, ./data/admin.key",
        Recursive = true,
        Validators =
        {
            result =>
            {
                if (result.GetValueOrDefault<string?>() is "")
                {
                    result.AddError("--key must not be empty; give the key, or leave --key out.");
                }
            },
        },
    };

    public static Option<string?> KeyFile { get; } = new("--key-file")
    {
        Description = "file holding the API key, read instead of SAMPLEMIND_API_KEY (default ./data/admin.key when it exists, written by the server at first start)",
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
        Description = "seconds a request waits for the API to begin its answer, and an --upload for its body to move on (env SAMPLEMIND_TIMEOUT)",
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

        return ApiClient.Create(api, ChooseKey(result), TimeSpan.FromSeconds(result.GetValue(AnswerTimeout)));
    }

    /// <summary>
    /// The key a request carries: the first of <c>--key</c>, <c>--key-file</c>, <c>SAMPLEMIND_API_KEY</c> (set but empty,
    /// it counts as unset) and <c>./data/admin.key</c> when it exists; null for none. An option given wins over the
    /// variable, so a <c>--key-file</c> that cannot be read is an error even with the variable set.
    /// </summary>
    private static string? ChooseKey(ParseResult result)
    {
        var (given, named) = (result.GetValue(Key), result.GetValue(KeyFile));
        if (given is not null && named is not null)
        {
            throw new UsageException("--key and --key-file cannot go together: give one.");
        }

        var key = given ?? (named is null && Environment.GetEnvironmentVariable("SAMPLEMIND_API_KEY") is { Length: > 0 } set ? set : null);
        if (key is not null)
        {
            return IsToken(key) ? key : throw new UsageException($"--key (or SAMPLEMIND_API_KEY) is not an API key: {TokenRule}");
        }

        var file = named ?? Path.Combine("data", "admin.key");
        return named is not null || File.Exists(file) ? ReadKeyFile(file) : null;
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
            key = ReadAtMost(file, MaxKeyFileBytes)?.Trim()
                ?? throw new UsageException($"The key file '{file}' does not hold an API key: it is longer than {MaxKeyFileBytes} bytes.");
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

    /// <summary>The text of <paramref name="file"/> (a byte-order mark read as such); null when it is longer than <paramref name="limit"/> bytes.</summary>
    private static string? ReadAtMost(string file, int limit)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
        var buffer = new byte[limit + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        if (length > limit)
        {
            return null;
        }

        using var reader = new StreamReader(new MemoryStream(buffer, 0, length), detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary><paramref name="text"/> as a number of seconds, or an error on <paramref name="result"/> that names <paramref name="source"/>.</summary>
    private static int Seconds(ArgumentResult result, string source, string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= MaxTimeoutSeconds)
        {
            return seconds;
        }

        // Never used (the command stops), but shown by the help as the default when SAMPLEMIND_TIMEOUT is wrong.
        result.AddError($"{source} must be a whole number of seconds from 1 to {MaxTimeoutSeconds}; it is '{text}'.");
        return (int)ApiClient.DefaultAnswerTimeout.TotalSeconds;
    }

    /// <summary>Whether <paramref name="key"/> can go in an <c>Authorization</c> header as it is (empty: no header).</summary>
    private static bool IsToken(string key) => key.All(c => c is > ' ' and <= '~');
}
