using WebMacs.Domain;

namespace WebMacs.Tests.Domain;

public class DatapointIdTests
{
    [Theory]
    [InlineData(0L, "00000000-0000-4000-8000-000000000000")]
    [InlineData(1L, "00000000-0000-4000-8000-000000000001")]
    [InlineData(255L, "00000000-0000-4000-8000-0000000000ff")]
    [InlineData(1L << 48, "00000000-0000-4000-8001-000000000000")]
    [InlineData((1L << 48) - 1, "00000000-0000-4000-8000-ffffffffffff")]
    [InlineData((1L << 60) - 1, "00000000-0000-4000-8fff-ffffffffffff")]
    public void ToPublicId_Id_ReturnsDocumentedLayout(long id, string expected) => Assert.Equal(expected, DatapointId.ToPublicId(id));

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(123_456_789L)]
    [InlineData(1L << 48)]
    [InlineData((1L << 48) + 1)]
    [InlineData((1L << 60) - 1)]
    public void TryParse_PublicIdOfId_RoundTrips(long id)
    {
        var publicId = DatapointId.ToPublicId(id);

        Assert.True(DatapointId.TryParse(publicId, out var parsed));
        Assert.Equal(id, parsed);
        Assert.True(DatapointId.TryParse(publicId.ToUpperInvariant(), out var upper));
        Assert.Equal(id, upper);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(42L)]
    [InlineData((1L << 60) - 1)]
    public void ToPublicId_Id_IsWellFormedUuidVersion4(long id)
    {
        var guid = Guid.ParseExact(DatapointId.ToPublicId(id), "D");

        Assert.Equal(4, guid.Version);
        Assert.Equal(0x8, guid.Variant & 0xC); // RFC 4122 variant: the two high bits are 10
    }

    [Fact]
    public void ToPublicId_NegativeId_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => DatapointId.ToPublicId(-1));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("0")]
    [InlineData("3f2504e0-4f89-41d3-9a0c-0305e82c3301")] // a random UUID v4
    [InlineData("00000000-0000-0000-0000-000000000000")] // the nil UUID
    [InlineData("00000000-0000-4000-9000-000000000001")] // other variant nibble
    [InlineData("00000000-0000-4000-8000+000000000001")] // wrong separator
    [InlineData("00000000-0000-4000-8000-00000000000g")] // not hex
    [InlineData("00000000-0000-4000-8-00-000000000001")] // sign-like junk in the high part
    [InlineData("00000000-0000-4000-8000-0000000000001")] // too long
    [InlineData("{00000000-0000-4000-8000-000000000001}")]
    [InlineData(" 00000000-0000-4000-8000-00000000001")]
    public void TryParse_OtherUuidOrGarbage_ReturnsFalse(string? publicId)
    {
        Assert.False(DatapointId.TryParse(publicId, out var id));
        Assert.Equal(0, id);
    }
}
