import {
  Column,
  CreateDateColumn,
  Entity,
  JoinTable,
  ManyToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { School } from '../schools/school.entity';

export const ROLES = ['admin', 'advisor', 'coordinator'] as const;
export type Role = (typeof ROLES)[number];

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'region_id', type: 'uuid' }) regionId: string;
  @Column() email: string;
  @Column() name: string;
  @Column({ type: 'enum', enum: ROLES, enumName: 'user_role' }) role: Role;
  @Column({ name: 'password_hash', select: false }) passwordHash: string;
  @Column({ default: false }) disabled: boolean;
  @ManyToMany(() => School)
  @JoinTable({
    name: 'user_schools',
    joinColumn: { name: 'user_id' },
    inverseJoinColumn: { name: 'school_id' },
  })
  schools: School[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
