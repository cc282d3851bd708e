using System.Buffers;
using WebMacs.Domain;
using WebMacs.Experiments;

namespace WebMacs.Tests.Experiments;

public class ExperimentCsvTests
{
    // Expected texts are what Python's csv.writer (QUOTE_MINIMAL) writes for the same field.
    [Theory]
    [InlineData("Temperature", "Temperature")]
    [InlineData("", "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("carriage\rreturn", "\"carriage\rreturn\"")]
    [InlineData(" padded ", " padded ")]
    [InlineData("semi;colon", "semi;colon")]
    [InlineData("°C — ✓", "°C — ✓")]
    public void WriteField_Value_QuotesOnlyWhenNeeded(string value, string expected)
    {
        var output = new ArrayBufferWriter<char>();

        ExperimentCsv.WriteField(output, value);

        Assert.Equal(expected, output.WrittenSpan.ToString());
    }

    [Fact]
    public void WriteRow_Datapoint_WritesTheSixColumnsAndCrlf()
    {
        var output = new ArrayBufferWriter<char>();
        var eventId = Guid.Parse("d2faa88c-9743-4964-8527-958c24f0af38");
        var row = new ExperimentCsvRow(42, new DateTime(2025, 1, 15, 14, 32, 10, DateTimeKind.Utc).AddTicks(1_234_560), 23.45, "Temp, A", eventId, "°C");

        ExperimentCsv.WriteRow(output, row);

        Assert.Equal($"2025-01-15T14:32:10.123456+00:00,\"Temp, A\",{eventId},23.45,°C,{DatapointId.ToPublicId(42)}\r\n", output.WrittenSpan.ToString());
    }

    [Theory]
    [InlineData("Run 1/A", "experiment_Run_1-A_12345678.csv")]
    [InlineData("a  b//c", "experiment_a__b--c_12345678.csv")]
    public void FileName_Name_ReplacesSpacesAndSlashes(string name, string expected) =>
        Assert.Equal(expected, ExperimentCsv.FileName(name, Guid.Parse("12345678-9abc-4def-8123-456789abcdef")));

    [Fact]
    public void ContentDisposition_AsciiName_IsExactlyTheOriginalsHeader() =>
        Assert.Equal("attachment; filename=\"experiment_Run_1_12345678.csv\"", ExperimentCsv.ContentDisposition("experiment_Run_1_12345678.csv"));

    [Theory]
    [InlineData("experiment_Café_—_✓.csv", "experiment_Caf_____.csv", "experiment_Caf%C3%A9_%E2%80%94_%E2%9C%93.csv")]
    [InlineData("experiment_\"q\"\\.csv", "experiment__q__.csv", "experiment_%22q%22%5C.csv")]
    [InlineData("experiment_a\r\nb.csv", "experiment_a__b.csv", "experiment_a%0D%0Ab.csv")]
    [InlineData("experiment_😀.csv", "experiment___.csv", "experiment_%F0%9F%98%80.csv")]
    public void ContentDisposition_OtherName_AddsAnRfc5987FilenameAndKeepsTheAsciiOne(string fileName, string ascii, string encoded) =>
        Assert.Equal($"attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}", ExperimentCsv.ContentDisposition(fileName));

    [Fact]
    public void PercentEncode_AttrChars_AreKept() =>
        Assert.Equal("aZ09!#$&+-.^_`|~%20%25%27%28%29%2A%2C%2F%3A%3B%3D%40", ExperimentCsv.PercentEncode("aZ09!#$&+-.^_`|~ %'()*,/:;=@"));
}
