using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace SampleMind.Cli.Commands;

/// <summary><c>samplemind keys list|issue|revoke|rotate</c>: manages a tenant's API keys (admin scope).</summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var tenant = new Option<string>("--tenant") { Description = "tenant id", DefaultValueFactory = _ => "admin", Recursive = true };
        Ids.Validate(tenant, "a tenant id");
        var json = CliOptions.Json("a table");
        var list = new Command("list", "list the tenant's keys") { json };
        list.SetAction(async (result, ct) =>
        {
            using var api = CliOptions.CreateClient(result);
            var answer = await api.GetForTextAsync($"v1/tenants/{Ids.Segment(result.GetValue(tenant)!)}/keys", ct);
            if (result.GetValue(json))
            {
                Console.Out.WriteLine(answer);
                return;
            }

            var keys = Answer.Items(api.Parse(answer));
            var table = Terminal.NewTable("key id", "name", "scopes", "created", "revoked");
            foreach (var key in keys)
            {
                table.AddRow(
                    Terminal.Literal(key?["keyId"]), Terminal.Literal(key?["name"]), Terminal.Literal(key?["scopes"]),
                    Terminal.Literal(key?["createdAt"]), Terminal.Literal(key?["revokedAt"]));
            }

            if (keys.Count == 0)
            {
                table.Caption = new TableTitle("no keys");
            }

            AnsiConsole.Write(table);
        });

        var name = new Option<string>("--name") { Description = "a name for the key", DefaultValueFactory = _ => "cli" };
        var scopes = new Option<string>("--scopes") { Description = "comma-separated: ingest,read,search,sessions,admin", DefaultValueFactory = _ => "ingest,read,search" };
        var issue = new Command("issue", "issue a new key (the token is printed once)") { name, scopes };
        issue.SetAction(async (result, ct) =>
        {
            using var api = CliOptions.CreateClient(result);
            var body = new JsonObject { ["name"] = result.GetValue(name), ["scopes"] = result.GetValue(scopes) };
            var issued = await api.PostAsync($"v1/tenants/{Ids.Segment(result.GetValue(tenant)!)}/keys", body, ct);
            Console.WriteLine(Terminal.Clean(issued["token"]?.ToString()));
        });

        var keyId = new Argument<string>("key-id");
        Ids.Validate(keyId, "a key id");
        var revoke = new Command("revoke", "revoke a key") { keyId };
        revoke.SetAction(async (result, ct) =>
        {
            using var api = CliOptions.CreateClient(result);
            await api.DeleteAsync($"v1/tenants/{Ids.Segment(result.GetValue(tenant)!)}/keys/{Ids.Segment(result.GetValue(keyId)!)}", ct);
            Console.WriteLine("revoked");
        });
        var rotate = new Command("rotate", "issue a replacement and revoke the old key") { keyId };
        rotate.SetAction(async (result, ct) =>
        {
            using var api = CliOptions.CreateClient(result);
            var issued = await api.PostAsync($"v1/tenants/{Ids.Segment(result.GetValue(tenant)!)}/keys/{Ids.Segment(result.GetValue(keyId)!)}/rotate", null, ct);
            Console.WriteLine(Terminal.Clean(issued["token"]?.ToString()));
        });
        return new Command("keys", "manage API keys") { tenant, list, issue, revoke, rotate };
    }
}
