using SampleMind.Api.Endpoints;

namespace SampleMind.Api.Tests.Ingest;

/// <summary>A sample's audio is served as what decoding found it to be, not as what its name says.</summary>
public sealed class AudioContentTypeTests
{
    [Theory]
    [InlineData("mp3", "renamed.wav", "audio/mpeg")] // an MP3 named .wav was served as audio/wav
    [InlineData("wav", "renamed.mp3", "audio/wav")]
    [InlineData("rf64", "long.wav", "audio/wav")]
    [InlineData("w64", "take.w64", "audio/x-w64")]
    [InlineData("caf", "loop.caf", "audio/x-caf")]
    [InlineData("aac", "voice.aac", "audio/aac")] // ADTS was served as audio/mp4
    [InlineData("mov,mp4,m4a,3gp,3g2,mj2", "pad.m4a", "audio/mp4")]
    [InlineData("sndfile-0x99", "voice.opus", "audio/ogg")] // a container no mapping knows: by extension, as before
    [InlineData("sndfile-0x99", "mystery.bin", "application/octet-stream")]
    public void The_media_type_follows_the_decoded_container_then_the_extension(string container, string path, string expected) =>
        Assert.Equal(expected, LibrariesApi.AudioContentType(container, path));
}
