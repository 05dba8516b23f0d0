/** Invented names and places for generated people. Any likeness to a real person is chance. */

// Lists are written as text so a few hundred names stay readable on a few lines.
function list(text: string, separator: string): readonly string[] {
  return text
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** Given names heard across modern Britain. */
export const GIVEN_NAMES: readonly string[] = list(
  `
  Olivia Amelia Isla Ava Mia Grace Freya Ruby Evie Chloe Sophie Emily Hannah Megan Bethan Siobhan
  Niamh Aoife Kirsty Shona Aaliyah Amira Fatima Zainab Ayesha Priya Anjali Simran Harpreet Mei Lin
  Yasmin Nia Abena Chiamaka Folake Kemi Agnieszka Zofia Ioana Margaret Patricia Jean Brenda
  Maureen Carol Denise Tracey Leanne Stacey Oliver George Harry Jack Noah Charlie Jacob Alfie
  Thomas William Callum Ewan Rhys Dylan Owain Liam Ciaran Declan Fraser Angus Mohammed Ibrahim
  Yusuf Hamza Bilal Arjun Rohan Sanjay Gurpreet Wei Kwame Kofi Emeka Tunde Jerome Marlon Tomasz
  Piotr Andrei Mihai David Paul Mark Stephen Gary Darren Keith Trevor Alan Robert Alex Jordan Sam
  Ashley Robin Jamie Rowan Morgan Eden Riley
`,
  ' ',
);

/** Family names heard across modern Britain. */
export const FAMILY_NAMES: readonly string[] = list(
  `
  Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson
  Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson Wood Turner
  Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan Allen MacDonald
  Campbell Stewart Murray Fraser Reid Sinclair Gallagher O'Neill Byrne Khan Ahmed Hussain Ali
  Begum Rahman Iqbal Chaudhry Mahmood Akhtar Singh Kaur Sharma Gill Sandhu Mistry Desai Joshi Chen
  Wong Nguyen Okafor Adeyemi Mensah Osei Boateng Okoro Campbell-Brown Francis Bailey Nowak
  Kowalczyk Wisniewski Popescu Ionescu Silva Costa Yilmaz Demir Papadopoulos
`,
  ' ',
);

/** A fictional town in Northshire with its invented postcode districts. */
export interface DemoTown {
  readonly name: string;
  readonly districts: readonly number[];
}

/** Towns of Northshire; postcodes use the unallocated `NX` area so none is a real address. */
export const TOWNS: readonly DemoTown[] = [
  { name: 'Ashby Moor', districts: [1, 2, 3] },
  { name: 'Wendlebridge', districts: [4, 5, 6] },
  { name: 'Kestrel Vale', districts: [7, 8] },
  { name: 'Saltmere', districts: [9, 10] },
  { name: 'Orrinsby', districts: [11, 12] },
  { name: 'Fennick Cross', districts: [14] },
  { name: 'Highmarsh', districts: [15, 16] },
];

/** Street names, combined with any town. */
export const STREETS: readonly string[] = list(
  `
  Mill Lane, Station Road, Church Street, Victoria Terrace, Alder Close, Foundry Way, Rope Walk,
  Canal Side, Beacon Rise, Heron Court, Tannery Row, Quarry Hill, Willow Gardens, Market Place,
  Chapel Fold, Larch Avenue, Weavers Yard, Linnet Drive, Hawthorn Crescent, Ferry Road,
  Cobblers Walk, Orchard Mews, Sandpiper Way, Kiln Street
`,
  ',',
);

/** Who a contact is to the person. */
export const RELATIONSHIPS: readonly string[] = list(
  `
  mother father sister brother partner wife husband daughter son friend aunt grandmother neighbour
  flatmate
`,
  ' ',
);

// The inward code never uses C, I, K, M, O or V, which are easily misread.
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** The two inward-code letters for a number in [0, 400). */
export function inwardLetters(n: number): string {
  return `${INWARD_LETTERS[Math.floor(n / 20) % 20] ?? 'A'}${INWARD_LETTERS[n % 20] ?? 'A'}`;
}
