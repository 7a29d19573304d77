import { Random } from './random.ts';
import {
  CHALLENGE_LINES,
  CITIES,
  COMMENTS,
  ELABORATION,
  EVENTS,
  FILLER,
  HOT_HEADLINES,
  KNOWN_MODELS,
  MODEL_NOUNS,
  RECOMMENDED,
  SCENARIOS,
  SECTION_HEADINGS,
  SITES,
} from './vocabulary.ts';
import { personName, type World, type WorldInstitution, type WorldPerson } from './world.ts';

// One synthetic news article, before it is rendered as a text dump or an HTML page: the
// headline, the header (site, date, reporter, editor), the body as paragraphs and section
// headings, and the furniture around it (hot lists, recommendations, comments).

export type Block = { heading: string } | { paragraph: string };

export interface Article {
  title: string;
  /** 2024-11-08 */
  date: string;
  /** 10:26:00 */
  time: string;
  site: (typeof SITES)[number];
  city: string;
  reporter: string;
  editor: string;
  body: Block[];
  hot: string[];
  recommended: string[];
  comments: { user: string; text: string }[];
}

const pad = (n: number) => String(n).padStart(2, '0');

function dateOf(random: Random) {
  const day = new Date(Date.UTC(2024, 0, 1) + random.int(0, 729) * 86_400_000);
  return {
    date: `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`,
    month: day.getUTCMonth() + 1,
    day: day.getUTCDate(),
    time: `${pad(random.int(7, 22))}:${pad(random.int(0, 59))}:${pad(random.int(0, 59))}`,
  };
}

/** How an institution is named after its first mention: its short name when it has one. */
const shortOf = (i: WorldInstitution) => i.short ?? i.full;

function introduce(institution: WorldInstitution, random: Random): string {
  if (institution.short === null) return institution.full;
  const phrase = random.pick(['以下简称', '下称', '简称']);
  return `${institution.full}(${phrase}“${institution.short}”)`;
}

// A person is introduced with institution and role the first time, and by name (or surname and
// honorific) after that, the way articles do.
function personIntro(person: WorldPerson, named: Set<WorldInstitution>): string {
  const institution = named.has(person.institution)
    ? shortOf(person.institution)
    : person.institution.full;
  named.add(person.institution);
  return `${institution}${person.role}${person.name}`;
}

function honorific(person: WorldPerson): string {
  const role = person.role;
  if (role.includes('董事长')) return `${person.surname}董事长`;
  if (role.includes('行长')) return `${person.surname}行长`;
  if (role.includes('教授')) return `${person.surname}教授`;
  return `${person.surname}总`;
}

/** A sentence ending in a quotation takes no full stop of its own. */
const stop = (line: string) => (line.endsWith('”') ? line : `${line}。`);

function quoteOf(person: WorldPerson, line: string, named: Set<WorldInstitution>, random: Random) {
  const intro = personIntro(person, named);
  switch (random.int(0, 4)) {
    case 0:
      return `${intro}表示,${stop(line)}`;
    case 1:
      return `在${intro}看来,${stop(line)}`;
    case 2:
      return `${person.name}(${person.institution.full}${person.role})认为,${stop(line)}`;
    case 3:
      return `${intro}坦言,${stop(line)}`;
    default:
      return `据${intro}介绍,${stop(line)}`;
  }
}

/** A headline-sized mention of someone for the furniture: never part of the article. */
function furnitureHeadline(template: string, random: Random, world: World): string {
  const institution = world.institutions[random.int(0, world.institutions.length - 1)]!;
  return template.replace('{p}', personName(random).name).replace('{i}', shortOf(institution));
}

/**
 * Article `index` of the corpus of `seed`: deterministic, and independent of how many articles
 * are generated.
 */
export function composeArticle(world: World, seed: string, index: number): Article {
  const random = new Random(`${seed}:article:${index}`);
  const when = dateOf(random);
  const site = random.pick(SITES);
  const newsroom = world.newsrooms.get(site.name)!;
  const city = random.pick(CITIES);
  const event = random.pick(EVENTS);

  // The institutions of the story: a main one (popular ones more often), then a few others.
  const main = world.institutions[random.zipf(world.institutions.length)]!;
  const others = Array.from(
    { length: random.int(1, 4) },
    () => world.institutions[random.zipf(world.institutions.length)]!,
  ).filter((i) => i !== main);
  const cast: WorldPerson[] = [];
  for (const institution of [main, ...others]) {
    const staff = institution.staff;
    if (staff.length === 0) continue;
    const count = institution === main ? random.int(1, 4) : random.int(1, 2);
    for (let k = 0; k < count; k++) {
      const person = staff[random.zipf(staff.length, 1.2)]!;
      if (!cast.includes(person)) cast.push(person);
    }
  }
  const model = main.models.length > 0 ? random.pick(main.models) : null;
  const base = others.flatMap((i) => i.models)[0] ?? null;
  const topics = random.sample(CHALLENGE_LINES, random.int(2, 4));

  const named = new Set<WorldInstitution>();
  const body: Block[] = [];
  const say = (paragraph: string) => body.push({ paragraph });
  let title: string;

  if (model) {
    const v = random.int(0, model.versions.length - 1);
    const version = model.versions[v]!;
    const noun = random.pick(MODEL_NOUNS);
    const lead = cast[0];
    title = `${shortOf(main)}发布“${model.name}”${noun}${version}${lead ? ` ${lead.name}:大模型要先过“${random.pick(['风控关', '合规关', '成本关'])}”` : ''}`;
    const baseText = base
      ? `以${introduce(base.developer, random)}的「${base.name}」通用大模型为底座,`
      : random.chance(0.5)
        ? `以${random.pick(KNOWN_MODELS)}为底座,`
        : '';
    named.add(main);
    if (base) named.add(base.developer);
    say(
      `${when.month}月${when.day}日,${introduce(main, random)}在${city}举行${event},正式发布自研${noun}“${model.name}”的${version}版本。据介绍,${model.name}${version}参数规模为${model.parameters[v]},${baseText}经过增量预训练和指令微调而成;${model.name}首个版本已于${model.released}上线。`,
    );
  } else {
    title = `${random.pick(['金融大模型', '大模型落地', 'AI+金融'])}${random.pick(['进入深水区', '如何跨过成本关', '的下半场'])}:${topics[0]!.topic === 'compute_cost' ? '算力账怎么算' : '机构各有解法'}`;
    named.add(main);
    say(
      `${when.month}月${when.day}日,由${introduce(main, random)}主办的${event}在${city}举行,多位金融机构和科技公司负责人围绕大模型落地展开讨论。`,
    );
  }
  say(random.pick(FILLER));

  cast.forEach((person, p) => {
    if (p % 2 === 1 && random.chance(0.6)) body.push({ heading: random.pick(SECTION_HEADINGS) });
    const topic = random.chance(0.7) ? topics[p % topics.length]! : random.pick(CHALLENGE_LINES);
    say(quoteOf(person, random.pick(topic.lines), named, random));
    if (model && random.chance(0.5)) {
      const scenes = random.sample(SCENARIOS, 2).join('、');
      say(
        `${person.name}介绍,目前“${model.name}”已在${scenes}等场景落地,累计服务内部员工超过${random.int(2, 90)}00人。`,
      );
    }
    if (random.chance(0.4)) {
      const again = topics[(p + 1) % topics.length]!;
      say(`${honorific(person)}还谈到,${stop(random.pick(again.lines))}`);
    }
    if (random.chance(0.6)) say(random.pick(FILLER));
    if (random.chance(0.5)) say(random.pick(ELABORATION));
  });
  for (const filler of random.sample(FILLER, random.int(1, 3))) say(filler);

  return {
    title,
    date: when.date,
    time: when.time,
    site,
    city,
    reporter: newsroom.reporters[random.zipf(newsroom.reporters.length)]!,
    editor: newsroom.editors[random.zipf(newsroom.editors.length)]!,
    body,
    hot: random
      .sample(HOT_HEADLINES, random.int(6, HOT_HEADLINES.length))
      .map((template) => furnitureHeadline(template, random, world)),
    recommended: random.sample(RECOMMENDED, random.int(2, 5)),
    // Commenters are sometimes named like people: furniture the cleaner must drop.
    comments: random
      .sample(COMMENTS, random.int(0, 4))
      .map((c) => (random.chance(0.3) ? { ...c, user: personName(random).name } : c)),
  };
}
