using System.Security.Cryptography;
using System.Text;
using SampleMind.Api.Idempotency;

namespace SampleMind.Api.Tests.Idempotency;

public sealed class HashingReadStreamTests
{
    [Fact]
    public async Task Finishing_hashes_every_byte_once_whether_the_reader_read_it_or_not()
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("kicks/a.wav\n", 5000)));
        await using var stream = new HashingReadStream(new MemoryStream(bytes));

        var buffer = new byte[1000];
        Assert.Equal(1000, await stream.ReadAsync(buffer));
        var hash = await stream.FinishAsync(CancellationToken.None);

        Assert.Equal(SHA256.HashData(bytes), hash);
    }

    [Fact]
    public async Task A_reader_that_disposes_the_stream_leaves_the_hash_to_finish()
    {
        var bytes = Encoding.UTF8.GetBytes("a.wav\nb.wav\n");
        var stream = new HashingReadStream(new MemoryStream(bytes));

        using (var reader = new StreamReader(stream))
        {
            Assert.Equal("a.wav", await reader.ReadLineAsync());
        }

        Assert.Equal(SHA256.HashData(bytes), await stream.FinishAsync(CancellationToken.None));
    }
}
