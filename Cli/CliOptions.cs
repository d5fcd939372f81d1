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

    public static ApiClient CreateClient(ParseResult result)
    {
        var key = result.GetValue(Key) ?? Environment.GetEnvironmentVariable("SAMPLEMIND_API_KEY");
        if (key is null)
        {
            var file = result.GetValue(KeyFile) ?? Path.Combine("data", "admin.key");
            if (File.Exists(file))
            {
                key = File.ReadAllText(file).Trim();
            }
        }

        return ApiClient.Create(result.GetValue(Api)!, key);
    }
}
