/*
 * Telling Banglish from English in Latin letters: words common in
 * romanised Bangla that are not English words, and the small English words
 * every English sentence has. Borrowed words both use ("taka", "allowance",
 * "income", "report") are in neither list.
 */

export const BANGLISH: readonly string[] = [
  // pronouns and question words
  'ami', 'amar', 'amr', 'amake', 'amare', 'amra', 'amader', 'apni', 'apnar', 'apnader', 'apnake', 'tumi', 'tomar', 'uni', 'unar', 'onar', 'tar',
  'tara', 'tader', 'ki', 'keno', 'kivabe', 'kibhabe', 'kibabe', 'kothay', 'koto', 'kemon', 'kobe', 'keu', 'kar', 'ke', 'je', 'jodi',
  // verbs
  'achen', 'ache', 'ase', 'achhe', 'asen', 'nai', 'nei', 'na', 'naa', 'noy', 'hoy', 'hoyeche', 'hoise', 'hoiche', 'holo', 'hoilo', 'hobe', 'kori',
  'kore', 'koren', 'korbo', 'korte', 'korechilam', 'korsilam', 'korse', 'chai', 'dite', 'dile', 'den', 'dey', 'dekhen', 'dekhe', 'bolen', 'bolte',
  'bolbo', 'bole', 'pai', 'pan', 'pabo', 'pabe', 'paben', 'pete', 'paini', 'paina', 'gese', 'geche', 'gechen', 'gesi', 'thaki', 'thake',
  'chalai', 'kamai', 'kamay', 'jay', 'jabe', 'lagbe', 'pari', 'pare', 'dise', 'diyeche', 'chaise', 'chay', 'niye', 'pore', 'pori', 'jani',
  // nouns and other words
  'kono', 'kichu', 'kisu', 'vata', 'bhata', 'bhatta', 'vatta', 'ma', 'maa', 'baba', 'abba', 'amma', 'ammu', 'abbu', 'ammar', 'abbar', 'mayer',
  'babar', 'boyos', 'boyosh', 'boyoss', 'boyes', 'bochor', 'bosor', 'bocor', 'bochhor', 'sami', 'shami', 'bou', 'chele', 'meye', 'bon', 'bhai',
  'vai', 'nani', 'dadi', 'nana', 'dada', 'khala', 'chacha', 'chachi', 'mara', 'mrito', 'jonno', 'theke', 'dhore', 'mash', 'mas', 'mase', 'mashe',
  'dine', 'bochore', 'ekta', 'eka', 'khub', 'gorib', 'sahajjo', 'shahajjo', 'ovijog', 'obhijog', 'abhijog', 'nalish', 'ghush', 'ghus',
  'dhonnobad', 'donnobad', 'dhonyobad', 'khobor', 'salam', 'assalamualaikum', 'asalamualaikum', 'slm', 'bhaiya', 'vaiya', 'apa', 'khoda',
  'hafez', 'thik', 'accha', 'acha', 'bidhoba', 'bidoba', 'protibondhi', 'protibondi', 'chokhe', 'hatte', 'porashona', 'boyosko', 'boyoshko',
  'briddho', 'talak', 'chere', 'biye', 'obibahito', 'sorkari', 'chakri', 'mohila', 'purush', 'nari', 'jamai', 'vabi', 'shashuri', 'fufu', 'phupu',
  'protibeshi', 'pasher', 'barir', 'kaj', 'ekhono', 'ekhon', 'er', 'ta', 'ti', 'te', 'manush', 'manusher', 'sathe', 'kotha',
  'upobritti', 'chikitsa', 'rogi', 'rogir', 'rokto', 'somossa', 'kisti', 'bondho', 'abedon', 'joggo', 'talikay', 'liste', 'nam',
  'chilo', 'ebar', 'ei', 'oi', 'tobe', 'kintu', 'ar', 'o', 'e', 'r', 'moto', 'beche', 'bichanay', 'baccha', 'bacha', 'nosto',
  'chole', 'dekhena', 'jonmogoto', 'lok', 'tnx', 'nibo', 'dorkar', 'bolo', 'hoyni',
];

export const ENGLISH: readonly string[] = [
  'the', 'is', 'am', 'are', 'was', 'were', 'be', 'been', 'my', 'i', 'im', 'me', 'he', 'she', 'it', 'we', 'they', 'his', 'her', 'our', 'their',
  'have', 'has', 'had', 'get', 'gets', 'got', 'not', 'no', 'can', 'could', 'will', 'would', 'what', 'how', 'why', 'when', 'where', 'who',
  'please', 'for', 'to', 'of', 'and', 'with', 'this', 'that', 'you', 'your', 'do', 'does', 'dont', 'doesnt', 'want', 'need', 'help', 'old',
  'age', 'widow', 'mother', 'father', 'thanks', 'thank', 'hello', 'hi', 'hey', 'good', 'morning', 'evening', 'status', 'complaint', 'number',
  'about', 'from', 'in', 'on', 'at', 'by', 'an', 'a', 'any', 'all', 'years', 'year', 'month', 'day', 'money', 'still', 'yet', 'also', 'there',
  'change', 'language', 'speak', 'talk', 'person', 'someone', 'human', 'call', 'check', 'update', 'so', 'much', 'lot', 'bye', 'ok', 'okay',
  'yes', 'son', 'daughter', 'wife', 'husband', 'brother', 'sister', 'disabled', 'allowance', 'many', 'poor', 'people', 'left', 'out', 'list',
  'since', 'last', 'happened', 'alive', 'died', 'dead', 'agent', 'work', 'does', 'u', 'thx', 'english', 'tell', 'give', 'like', 'know',
];
