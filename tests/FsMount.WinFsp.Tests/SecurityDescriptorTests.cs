using System.Buffers.Binary;

namespace FsMount.WinFsp.Tests;

public sealed class SecurityDescriptorTests
{
    private const string User = "S-1-5-21-1004336348-1177238915-682003330-1001";

    [Fact]
    public void Sids_have_the_binary_form_windows_uses()
    {
        Assert.Equal(Convert.FromHexString("010100000000000512000000"), SecurityDescriptor.Sid("S-1-5-18"));
        Assert.Equal(Convert.FromHexString("010100000000000100000000"), SecurityDescriptor.Sid("S-1-1-0"));
        Assert.Equal(Convert.FromHexString("010500000000000515000000DCF4DC3B833D2B46828BA628E9030000"), SecurityDescriptor.Sid(User));
        Assert.Throws<FormatException>(() => SecurityDescriptor.Sid("not-a-sid"));
    }

    [Fact]
    public void The_descriptor_is_self_relative_owned_by_the_user_with_a_protected_dacl()
    {
        var descriptor = SecurityDescriptor.For(User, everyone: false);
        var user = SecurityDescriptor.Sid(User);

        Assert.Equal(1, descriptor[0]);
        Assert.Equal(0x9004, BinaryPrimitives.ReadUInt16LittleEndian(descriptor.AsSpan(2)));
        Assert.Equal(user, SidAt(descriptor, BinaryPrimitives.ReadInt32LittleEndian(descriptor.AsSpan(4))));
        Assert.Equal(user, SidAt(descriptor, BinaryPrimitives.ReadInt32LittleEndian(descriptor.AsSpan(8))));
        Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(descriptor.AsSpan(12)));
        Assert.Equal([User, "S-1-5-18"], Grants(descriptor));
    }

    [Fact]
    public void Allow_other_grants_everyone_too()
    {
        Assert.Equal([User, "S-1-5-18", "S-1-1-0"], Grants(SecurityDescriptor.For(User, everyone: true)));
    }

    // Walks the DACL: each ACE must be ACCESS_ALLOWED with FILE_ALL_ACCESS, and the sizes must add up to the whole.
    private static List<string> Grants(byte[] descriptor)
    {
        var dacl = BinaryPrimitives.ReadInt32LittleEndian(descriptor.AsSpan(16));
        Assert.Equal(2, descriptor[dacl]);
        var aclSize = BinaryPrimitives.ReadUInt16LittleEndian(descriptor.AsSpan(dacl + 2));
        Assert.Equal(descriptor.Length, dacl + aclSize);
        var count = BinaryPrimitives.ReadUInt16LittleEndian(descriptor.AsSpan(dacl + 4));
        var grants = new List<string>();
        var ace = dacl + 8;
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(0, descriptor[ace]);
            Assert.Equal(0x001F01FFu, BinaryPrimitives.ReadUInt32LittleEndian(descriptor.AsSpan(ace + 4)));
            grants.Add(SidString(SidAt(descriptor, ace + 8)));
            ace += BinaryPrimitives.ReadUInt16LittleEndian(descriptor.AsSpan(ace + 2));
        }

        Assert.Equal(descriptor.Length, ace);
        return grants;
    }

    private static byte[] SidAt(byte[] descriptor, int offset) => descriptor.AsSpan(offset, 8 + (4 * descriptor[offset + 1])).ToArray();

    private static string SidString(byte[] sid)
    {
        var authority = 0UL;
        for (var i = 2; i < 8; i++)
        {
            authority = (authority << 8) | sid[i];
        }

        var subs = Enumerable.Range(0, sid[1]).Select(i => BinaryPrimitives.ReadUInt32LittleEndian(sid.AsSpan(8 + (4 * i))));
        return string.Join('-', ["S", "1", authority.ToString(System.Globalization.CultureInfo.InvariantCulture), .. subs.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
    }
}
