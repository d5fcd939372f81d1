using System.CommandLine;

namespace SampleMind.Cli.Commands;

/// <summary><c>samplemind samples delete ID</c>: removes a sample from its library (ingest scope).</summary>
internal static class SamplesCommand
{
    public static Command Create()
    {
        var sampleId = new Argument<string>("sample-id") { Description = "the sample's id (sampleId in a listing, a search hit or a job's results)" };
        Ids.Validate(sampleId, "a sample id");
        var delete = new Command("delete", "remove a sample from its library (an uploaded file is deleted with it; its copies link to the first of them)") { sampleId };
        delete.SetAction(async (result, ct) =>
        {
            using var api = CliOptions.CreateClient(result);
            var id = result.GetValue(sampleId)!;
            await api.DeleteAsync($"v1/samples/{Ids.Segment(id)}", ct);
            Console.WriteLine($"deleted {id}");
        });
        return new Command("samples", "manage samples") { delete };
    }
}
