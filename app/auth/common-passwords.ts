/**
 * Passwords that appear near the top of published lists of leaked passwords (international lists
 * and Chinese sites' leaks: keyboard walks, digit runs, "woaini"/"5201314" love phrases, pinyin
 * names with digits), lower-cased. Only entries of at least 8 characters matter: the policy never
 * allows shorter passwords. Kept short on purpose: the point is to refuse what an attacker tries
 * first, not to be a dictionary. Schools add their own entries in the school settings
 * (e.g. the school's name in pinyin).
 */
export const COMMON_PASSWORDS: readonly string[] = [
  // digits
  "12345678", "123456789", "1234567890", "0123456789", "87654321", "987654321", "9876543210",
  "11111111", "111111111", "1111111111", "00000000", "000000000", "0000000000", "88888888",
  "888888888", "66666666", "666666666", "99999999", "999999999", "12341234", "123123123",
  "1231234", "123321123", "12344321", "11223344", "112233445566", "1122334455", "147258369",
  "147852369", "159357456", "741852963", "789456123", "321654987", "123654789", "147896325",
  "159753456", "20082008", "19491001", "12345612", "123456123", "12345678910",
  // love phrases and lucky numbers common on Chinese sites
  "5201314", "52013145", "520131400", "5201314520", "1314520520", "13145201314", "woaini1314",
  "woaini520", "woaini123", "woaini1234", "woaini12345", "iloveyou", "iloveyou1", "iloveyou520",
  "5211314521", "woaiwojia", "wodemima", "woshishui", "mimamima", "mima1234", "mima123456",
  // keyboard walks
  "qwertyui", "qwertyuiop", "qwerty123", "qwerty1234", "qwer1234", "asdfghjk", "asdfghjkl",
  "asdf1234", "zxcvbnm1", "zxcvbnm123", "zxcv1234", "1qaz2wsx", "1qaz2wsx3edc", "1qazxsw2",
  "zaq12wsx", "!qaz2wsx", "!qaz@wsx", "qazwsxedc", "qweasdzxc", "1q2w3e4r", "1q2w3e4r5t",
  "1q2w3e4r5t6y", "q1w2e3r4", "q1w2e3r4t5", "12qwaszx", "123qweasd", "123qweasdzxc", "qwe123456",
  "qweqweqwe", "asdasdasd", "zxczxczxc", "1qaz@wsx", "qwertyuiop123",
  // letters and digits
  "a1234567", "a12345678", "a123456789", "aa123456", "aa12345678", "aaa123456", "abc12345",
  "abc123456", "abcd1234", "abcd12345", "abcdefgh", "abcdefg1", "a1b2c3d4", "a1b2c3d4e5",
  "asd123456", "qq123456", "qq1234567", "qq12345678", "123456aa", "123456abc", "123456qq",
  "123456asd", "123abc123", "1234qwer", "12345qwert", "aaaa1111", "aaaaaaaa", "abcabcabc",
  // words
  "password", "password1", "password12", "password123", "password1234", "passw0rd", "p@ssw0rd",
  "p@ssword", "pa$$w0rd", "passwd123", "admin123", "admin1234", "admin12345", "admin@123",
  "administrator", "root1234", "root@123", "rootroot", "welcome1", "welcome123", "welcome@123",
  "letmein1", "changeme", "changeme123", "default1", "sunshine", "princess",
  "football", "baseball", "superman", "batman123", "trustno1", "monkey123", "dragon123",
  "shadow123", "master123", "whatever", "computer", "internet", "starwars", "michael1",
  "jennifer", "1qaz2wsx!", "test1234", "test12345", "testtest", "guest123", "user1234",
  "login123", "secret123", "qwerty12", "zhongguo", "zhongguo123", "china123", "china1234",
  "beijing2008", "beijing123", "shanghai", "xiaoming", "zhangwei", "wangwei123", "liwei123",
  "zhang123456", "wang123456", "li123456", "liu123456", "chen123456", "yang123456", "zhao123456",
  "huang123456", "zhou123456", "wu123456", "xu123456", "sun123456", "ma123456", "hu123456",
  // the school's world: first guesses at a campus
  "teacher123", "student123", "school123", "xuesheng123", "laoshi123", "fudaoyuan",
  "fudaoyuan123", "xuegongbu", "xuegongbu123", "daxue123", "xueyuan123",
];
