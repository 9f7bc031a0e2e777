import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthService } from '../../src/auth/auth.service';
import { hashPassword } from '../../src/auth/passwords';
import { Level } from '../../src/common/levels';
import { Region } from '../../src/regions/region.entity';
import { School } from '../../src/schools/school.entity';
import { Role, User } from '../../src/users/user.entity';

export const PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;
const uniq = () => randomBytes(4).toString('hex');
let brinCounter = Math.floor(Math.random() * 90);

/** Builds rows straight through the app's own DataSource and signs in without the log-in route. */
export class Factory {
  readonly db: DataSource;
  private readonly auth: AuthService;

  constructor(app: INestApplication) {
    this.db = app.get(DataSource);
    this.auth = app.get(AuthService);
  }

  region(name = `Regio ${uniq()}`): Promise<Region> {
    return this.db.getRepository(Region).save({ code: `r-${uniq()}`, name });
  }

  school(region: Region, over: Partial<School> = {}): Promise<School> {
    brinCounter = (brinCounter + 1) % 100;
    const letters = uniq()
      .replace(/[^a-f]/g, 'a')
      .slice(0, 2)
      .toUpperCase()
      .padEnd(2, 'X');
    return this.db.getRepository(School).save({
      regionId: region.id,
      brin: `${String(brinCounter).padStart(2, '0')}${letters}${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`,
      name: `School ${uniq()}`,
      board: 'Stichting Test',
      postcode: '1011 AB',
      levels: ['vmbo-gt', 'havo', 'vwo'] as Level[],
      ...over,
    });
  }

  async user(region: Region, role: Role, schools: School[] = [], over: Partial<User> = {}) {
    const user = await this.db.getRepository(User).save({
      regionId: region.id,
      email: `${role}-${uniq()}@example.test`,
      name: `${role} ${uniq()}`,
      role,
      passwordHash: await (passwordHash ??= hashPassword(PASSWORD)),
      schools,
      ...over,
    });
    const { out } = await this.auth.openSession(user.id);
    return { user, token: out.accessToken, refreshToken: out.refreshToken };
  }
}
