using CsCheck;
using FsMount.OneFichier.Names;

namespace FsMount.OneFichier.Tests.Names;

public sealed class OneFichierNameCodecTests
{
    // Every row of docs/onefichier-api.md section 7, plus the quoting rules of rclone's lib/encoder.
    [Theory]
    [InlineData("a/b", "a／b")]
    [InlineData("<x>", "＜x＞")]
    [InlineData("say \"hi\"", "say ＂hi＂")]
    [InlineData("it's", "it＇s")]
    [InlineData("`cmd`", "｀cmd｀")]
    [InlineData("$HOME", "＄HOME")]
    [InlineData("a\\b", "a＼b")]
    [InlineData("a\u007Fb", "a␡b")]
    [InlineData("a\u0001b\u001Fc", "a␁b␟c")]
    [InlineData("a\0b", "a␀b")]
    [InlineData(" lead", "␠lead")]
    [InlineData("trail ", "trail␠")]
    [InlineData(" both ", "␠both␠")]
    [InlineData("mid dle", "mid dle")]
    [InlineData(".", "．")]
    [InlineData("..", "．．")]
    [InlineData("...", "...")]
    [InlineData(".hidden", ".hidden")]
    [InlineData("real＜", "real‛＜")]
    [InlineData("．", "‛．")]
    [InlineData("．．", "‛．‛．")]
    [InlineData("␠x", "‛␠x")]
    [InlineData("x␠", "x‛␠")]
    [InlineData("q‛q", "q‛‛q")]
    [InlineData("sym␀", "sym‛␀")]
    [InlineData("sym␁", "sym‛␁")]
    [InlineData("sym␡", "sym‛␡")]
    [InlineData("plain ünïcödé 名前 😀", "plain ünïcödé 名前 😀")]
    [InlineData("\uFFFD", "\uFFFD")]
    [InlineData("", "")]
    public void Encodes_like_rclone_and_decodes_back(string name, string encoded)
    {
        Assert.Equal(encoded, OneFichierNameCodec.Encode(name));
        Assert.Equal(name, OneFichierNameCodec.Decode(encoded));
    }

    [Fact]
    public void Lone_surrogates_are_escaped_as_their_wtf8_bytes()
    {
        Assert.Equal("a‛ED‛A0‛80b", OneFichierNameCodec.Encode("a\uD800b"));
        Assert.Equal("a\uD800b", OneFichierNameCodec.Decode("a‛ED‛A0‛80b"));
        Assert.Equal("‛ED‛B0‛80", OneFichierNameCodec.Encode("\uDC00"));
    }

    [Fact]
    public void Escaped_bytes_that_form_a_character_decode_to_it_and_others_stay_literal()
    {
        Assert.Equal("é", OneFichierNameCodec.Decode("‛C3‛A9"));
        Assert.Equal("x‛FFy", OneFichierNameCodec.Decode("x‛FFy"));
    }

    [Fact]
    public void A_trailing_quote_before_a_space_round_trips_where_rcloneDecoder_would_not()
    {
        Assert.Equal("‛‛␠", OneFichierNameCodec.Encode("‛ "));
        Assert.Equal("‛ ", OneFichierNameCodec.Decode("‛‛␠"));
    }

    [Fact]
    public void Decode_inverts_encode_for_any_string()
    {
        Gen<char> special = Gen.Char[" /<>\"'`$\\\u007F\0\u0001\u001F.a\u201B\u2400\u2401\u241F\u2420\u2421\uFF0E\uFF0F\uFF1C\uFF3C\uD800\uDBFF\uDC00\uDFFFEDA08F\uFFFD"];
        Gen<char> any = Gen.Char;
        var mixed = Gen.Frequency((3, special), (1, any));
        mixed.Array[0, 12].Select(chars => new string(chars))
            .Sample(name => Assert.Equal(name, OneFichierNameCodec.Decode(OneFichierNameCodec.Encode(name))), iter: 20_000);
        Gen.String.Sample(name => Assert.Equal(name, OneFichierNameCodec.Decode(OneFichierNameCodec.Encode(name))), iter: 5_000);
    }
}
