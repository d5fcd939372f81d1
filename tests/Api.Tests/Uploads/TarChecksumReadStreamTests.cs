using System.Text;
using SampleMind.Api.Uploads;

namespace SampleMind.Api.Tests.Uploads;

/// <summary>
/// The checksum stream follows a tar's layout to each header: a size from a PAX record or in GNU base-256 keeps it in
/// step (were it out of step, a data block would be checked as a header and refused), in reads of any length.
/// </summary>
public sealed class TarChecksumReadStreamTests
{
    [Theory]
    [InlineData(7)]
    [InlineData(512)]
    [InlineData(65536)]
    public async Task A_pax_size_record_and_a_base_256_size_are_followed_to_the_next_header(int readLength)
    {
        var tar = LaidOut();

        await ReadThroughAsync(tar, readLength);

        // The third header, reached only by following both sizes, is checked.
        tar[4096] ^= 0x20;
        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => ReadThroughAsync(tar, readLength));
        Assert.StartsWith("the archive entry 'Three.wav' has a header whose checksum does not match (at byte 4,096 of the tar: ", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checksum_of_signed_bytes_is_taken_as_gnu_tar_takes_it_and_one_of_neither_is_not()
    {
        var signed = Header("kit/\u00fc.wav", '0', Octal(0), signedSum: true);
        Assert.NotEqual(signed, Header("kit/\u00fc.wav", '0', Octal(0), signedSum: false));

        await ReadThroughAsync([.. signed, .. new byte[1024]], 512);

        Encoding.ASCII.GetBytes("0000017\0").CopyTo(signed, 148);
        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => ReadThroughAsync([.. signed, .. new byte[1024]], 512));
        Assert.Contains("'kit/\u00fc.wav' has a header whose checksum does not match (at byte 0 of the tar: the checksum field says 17,", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// An extended header whose records give the next entry 600 bytes (its own size field says 0), that entry, an entry of
    /// 700 bytes whose size is in base-256, and an entry of 100 bytes: no data block is zero, nor a valid header.
    /// </summary>
    private static byte[] LaidOut()
    {
        var records = Encoding.ASCII.GetBytes("20 mtime=1700000000\n12 size=600\n");
        byte[] base256 = [0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0xBC];
        return
        [
            .. Header("PaxHeaders/one.wav", 'x', Octal(records.Length)), .. Padded(records),
            .. Header("one.wav", '0', Octal(0)), .. Padded(Data(600)),
            .. Header("two.wav", '0', base256), .. Padded(Data(700)),
            .. Header("three.wav", '0', Octal(100)), .. Padded(Data(100)),
            .. new byte[1024],
        ];
    }

    private static async Task ReadThroughAsync(byte[] tar, int readLength)
    {
        await using var stream = new TarChecksumReadStream(new MemoryStream(tar));
        var buffer = new byte[readLength];
        while (await stream.ReadAsync(buffer) > 0)
        {
        }
    }

    /// <summary>A ustar header whose checksum is the sum of its bytes, unsigned or signed.</summary>
    private static byte[] Header(string name, char type, byte[] size, bool signedSum = false)
    {
        var header = new byte[512];
        Encoding.UTF8.GetBytes(name).CopyTo(header, 0);
        Encoding.ASCII.GetBytes("0000644\0").CopyTo(header, 100);
        size.CopyTo(header, 124);
        header[156] = (byte)type;
        "ustar\u000000"u8.CopyTo(header.AsSpan(257));
        Array.Fill(header, (byte)' ', 148, 8);
        var sum = signedSum ? header.Sum(b => (sbyte)b) : header.Sum(b => b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);
        return header;
    }

    private static byte[] Octal(long value) => Encoding.ASCII.GetBytes(Convert.ToString(value, 8).PadLeft(11, '0') + "\0");

    private static byte[] Data(int length) => Enumerable.Range(0, length).Select(i => (byte)('a' + (i % 26))).ToArray();

    private static byte[] Padded(byte[] data) => [.. data, .. new byte[(512 - (data.Length % 512)) % 512]];
}
