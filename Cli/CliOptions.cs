using System.CommandLine;

namespace SampleMind.Cli;

/// <summary>Options every command takes: where the API is and which key to use.</summary>
internal static class CliOptions
{
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
    };

    /// <summary>A client for the address and key the command line names; <see cref="UsageException"/> when it names them wrongly.</summary>
    public static ApiClient CreateClient(ParseResult result)
    {
        var api = result.GetValue(Api)!;
        if (!Uri.TryCreate(api, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--api (or SAMPLEMIND_API) is '{api}'; it must be an http:// or https:// address, e.g. http://127.0.0.1:5080.");
        }

        var key = result.GetValue(Key) ?? Environment.GetEnvironmentVariable("SAMPLEMIND_API_KEY");
        if (key is null)
        {
            var named = result.GetValue(KeyFile);
            var file = named ?? Path.Combine("data", "admin.key");
            if (File.Exists(file))
            {
                key = File.ReadAllText(file).Trim();
            }
            else if (named is not null)
            {
                throw new UsageException($"The key file '{named}' does not exist.");
            }
        }

        return ApiClient.Create(api, key);
    }
}
