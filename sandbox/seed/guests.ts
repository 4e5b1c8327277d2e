import type { SeedLanguage } from './phrases'

/** [first names, family names] guests of each language might have. */
export const guestNames: Record<SeedLanguage, [string[], string[]]> = {
  en: [
    ['Emily', 'James', 'Olivia', 'Daniel', 'Sophie', 'Michael'],
    ['Carter', 'Walsh', 'Bennett', 'Hughes', 'Patel', 'Morgan'],
  ],
  fr: [
    ['Camille', 'Julien', 'Léa', 'Thomas', 'Manon', 'Nicolas'],
    ['Lefèvre', 'Moreau', 'Girard', 'Fontaine', 'Rousseau', 'Mercier'],
  ],
  es: [
    ['Lucía', 'Javier', 'Carmen', 'Pablo', 'Marta', 'Alejandro'],
    ['García', 'Martínez', 'López', 'Sánchez', 'Romero', 'Navarro'],
  ],
  pt: [
    ['Inês', 'João', 'Beatriz', 'Tiago', 'Mariana', 'Rui'],
    ['Silva', 'Santos', 'Ferreira', 'Costa', 'Almeida', 'Carvalho'],
  ],
  ru: [
    ['Анна', 'Дмитрий', 'Екатерина', 'Сергей', 'Ольга', 'Алексей'],
    ['Иванова', 'Смирнов', 'Кузнецова', 'Попов', 'Соколова', 'Морозов'],
  ],
  th: [
    ['สมชาย', 'สุดารัตน์', 'ปิยะ', 'กมลชนก', 'ธนกฤต', 'พิมพ์ชนก'],
    ['ใจดี', 'ศรีสุข', 'วงศ์ไทย', 'บุญมา', 'แสงทอง', 'รุ่งเรือง'],
  ],
  de: [
    ['Lena', 'Jonas', 'Hannah', 'Felix', 'Katrin', 'Matthias'],
    ['Müller', 'Schmidt', 'Wagner', 'Becker', 'Hoffmann', 'Schäfer'],
  ],
  nl: [
    ['Sanne', 'Daan', 'Lotte', 'Bram', 'Femke', 'Joris'],
    ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'van Dijk'],
  ],
  pl: [
    ['Agnieszka', 'Piotr', 'Katarzyna', 'Tomasz', 'Magdalena', 'Paweł'],
    ['Kowalska', 'Nowak', 'Wiśniewska', 'Wójcik', 'Kamińska', 'Lewandowski'],
  ],
  ar: [
    ['ليلى', 'أحمد', 'مريم', 'يوسف', 'نور', 'عمر'],
    ['الحسيني', 'العلي', 'منصور', 'الخطيب', 'حداد', 'السيد'],
  ],
}
