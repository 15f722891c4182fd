/**
 * Word lists the local analyser leans on. The POS tagger mislabels sentence-initial imperatives
 * ("Call mom" -> PROPN, "Book dentist" -> NOUN), so task detection trusts a list of verbs people
 * actually put in to-dos, and uses the tagger only to catch the noun readings ("Book club was great").
 */

const words = (list: string) => new Set(list.trim().split(/\s+/));

/** Base forms that open a to-do. */
export const ACTION_VERBS = words(`
  add apply arrange ask back bake bring book buy call cancel change charge check clean clear collect confirm contact
  cook copy create deliver deposit download draft drop email e-mail fetch file fill finish fix follow get give grab
  hand hang install invite invoice iron look mail make meet message mop move mow order organise organize pack paint
  pay phone pick ping plan post prep prepare print publish reach recycle refill register reload remove renew
  repair replace reply reschedule reserve respond return review ring schedule sell send set share ship sign sort start
  study submit swap take talk text tidy top transfer try unpack update upgrade upload vacuum visit wash water wrap write
  feed walk practise practice research find backup defrost empty fold hoover shop test tell run go do drive chase
  rsvp sweep bin declutter sharpen service polish restock fill-in figure setup
`);

/** Verbs that name a state or a feeling: "I need to relax" is a wish, not a to-do. */
export const STATE_VERBS = words(`
  be feel relax chill calm rest sleep stop accept know understand think believe trust breathe focus worry care love hate
  like miss wish hope wonder remember forget enjoy deserve seem appreciate cry laugh admit realise realize stay let
`);

/** Words whose -s / -ed forms are finite verbs: "Book club was great" is about a club. */
export const FINITE_MARKERS = words(`
  is was are were 's has had have went did does seems seemed looks looked sounds sounded got made will would can could
  ca wo am 're 've 'd shall might said told came left took gave found thought felt broke ran saw
`);

/** Nouns too vague to be a tag or a theme. */
export const GENERIC_NOUNS = words(`
  thing things stuff time times day days week weeks month months year years way ways lot lots bit today tomorrow tonight
  yesterday morning afternoon evening night weekend idea ideas note notes something anything everything nothing someone
  anyone everyone people person kind sort type place point part reminder todo task tasks list moment minute minutes hour
  hours second seconds while end start number side fact case reason question problem issue one ones guy guys lol omg
  asap eod etc ok okay yeah maybe mom dad mum me myself self pls plz please sure hmm ugh world chat ending
  meh tbh idk imo btw rly ya yep nope word words half name names quarter min mins hr hrs wk wks
  fortnight fortnights ish arvo smoko practice practise
`);

export const DATE_WORDS = words(`
  monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun january february
  march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
  noon midnight am pm tmrw tmr tonite arvo wknd wkend tomorow tommorow tommorrow tomorrrow 2moro 2morrow tmrrw appt smoko
`);

/** A small stop list for tags and themes (wink's own flags content nouns such as "bill" and "call"). */
export const STOP_WORDS = words(`
  a an the and or but if then else so of to in on at by for with about from into over under up down out off as than too
  very just also only even still again already ever never always often really quite much many more most less least some
  any all each every both few other another such own same this that these those there here where when why how what which
  who whom whose i me my mine we us our ours you your yours he him his she her hers it its they them their theirs be am is
  are was were been being have has had do does did doing will would shall should can could may might must not no nor
  yes let lets get got gonna gotta wanna need needs needed want wants wanted like re fw fwd cc
`);

/** Verbs too common to make a theme ("I went", "I said"). */
export const LIGHT_VERBS = words(`
  be have do get make go take come feel think know say tell want need like see look seem let try put give keep start
  stop use find mean guess hope wish happen become leave bring turn show hear talk ask work call
`);

/** Cheap sentiment cues that wink's lexicon under-weights in diary language. */
export const NEGATIVE_CUES = words(`
  anxious anxiety worried worry worries stressed stress stressful overwhelmed exhausted tired drained sad upset angry
  annoyed frustrated frustrating awful terrible bad badly lonely scared afraid nervous dread dreading burnt burned sick
  ill hurt hurts headache insomnia miserable guilty ugh
`);

export const POSITIVE_CUES = words(`
  happy glad grateful thankful excited great good awesome amazing love loved lovely proud relieved calm fun enjoyed
  wonderful fantastic productive energised energized motivated inspired nice
`);

export const LOW_ENERGY_CUES = words(`
  tired exhausted drained sleepy burnt burned lethargic sluggish wiped knackered fatigued insomnia overwhelmed
`);

export const HIGH_ENERGY_CUES = words(`
  excited energised energized pumped motivated inspired buzzing thrilled productive
`);
