using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;

namespace SampleMind.Api.Tests.Hosting;

/// <summary>
/// A body sent with a Content-Encoding the host would have to undo is refused with a 415 naming the encoding, on every
/// endpoint that takes a body, instead of being read as it is.
/// </summary>
public sealed class ContentEncodingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Search = """{"text":"kick"}""";

    [Fact]
    public async Task A_gzipped_JSON_body_is_a_415_naming_the_encoding_not_malformed_JSON()
    {
        using var client = factory.CreateAdminClient();
        using var content = new ByteArrayContent(Gzip(Search));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");

        var problem = await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/search", content), 415);

        Assert.Equal("https://samplemind.dev/problems/unsupported-media-type", problem["type"]!.GetValue<string>());
        Assert.StartsWith("Content-Encoding 'gzip' is not taken", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/search", "br", "br")]
    [InlineData("/v1/tenants", "deflate", "deflate")]
    [InlineData("/v1/libraries/enc/search/humming", "identity, gzip", "gzip")]
    public async Task A_plain_body_labelled_with_an_encoding_is_refused_too(string path, string encoding, string named)
    {
        using var client = factory.CreateAdminClient();
        using var content = new StringContent(Search, Encoding.UTF8, "application/json");
        content.Headers.TryAddWithoutValidation("Content-Encoding", encoding);

        var problem = await ApiJson.AssertProblemAsync(await client.PostAsync(path, content), 415);

        Assert.Contains($"Content-Encoding '{named}'", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identity_is_no_encoding()
    {
        using var client = factory.CreateAdminClient();
        using var content = new StringContent(Search, Encoding.UTF8, "application/json");
        content.Headers.ContentEncoding.Add("identity");

        Assert.Equal(200, (int)(await client.PostAsync("/v1/search", content)).StatusCode);
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }
}
